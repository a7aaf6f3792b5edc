package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * A team asks to change the worker count of an existing cluster
 * ({@code io.edgefleet.cluster.scale-requested.v1}). The worker kind and size stay as requested
 * at creation; only the count changes.
 *
 * @param clusterId   the cluster
 * @param team        owning team (must match the cluster's)
 * @param siteId      the cluster's site
 * @param workerCount the new number of workers
 */
public record ClusterScaleRequested(String clusterId, String team, String siteId, int workerCount)
        implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return clusterId;
    }
}
