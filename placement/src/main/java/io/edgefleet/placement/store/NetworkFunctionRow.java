package io.edgefleet.placement.store;

import io.edgefleet.events.outcome.NetworkFunctionStatus;

/** A network function as placement keeps it. {@code spec} is the original request's JSON. */
public record NetworkFunctionRow(String nfId, String team, String siteId, String clusterId, String kind,
                                 String spec, NetworkFunctionStatus status, String reason) {
}
