package io.edgefleet.placement.store;

import io.edgefleet.events.outcome.ClusterStatus;
import java.time.Instant;

/** A cluster as placement keeps it. {@code spec} is the original request's JSON. */
public record ClusterRow(String clusterId, String team, String siteId, String kubernetesVersion, String spec,
                         ClusterStatus status, String reason, Instant expiresAt) {
}
