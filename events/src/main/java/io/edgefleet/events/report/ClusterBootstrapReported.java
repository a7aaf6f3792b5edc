package io.edgefleet.events.report;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * How far a cluster's bootstrap got ({@code io.edgefleet.cluster.bootstrap-reported.v1}).
 *
 * @param siteId            the site
 * @param clusterId         the cluster
 * @param state             BOOTSTRAPPING, READY or FAILED
 * @param apiServerEndpoint e.g. {@code https://10.0.0.5:6443}, once known; else {@code null}
 * @param readyNodes        nodes that are Ready
 * @param reason            why, for FAILED; may be {@code null}
 * @param planVersion       the plan the agent was converging to
 * @param observedAt        when the agent saw it
 */
public record ClusterBootstrapReported(
        String siteId,
        String clusterId,
        BootstrapState state,
        String apiServerEndpoint,
        int readyNodes,
        String reason,
        long planVersion,
        Instant observedAt) implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return clusterId;
    }
}
