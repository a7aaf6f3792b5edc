package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * A team asks to change the size of an existing cluster ({@code io.edgefleet.cluster.scale-requested.v1}):
 * its worker count, its control-plane replica count, or both at once (one decision: both happen or
 * neither). Worker kind and size, and the control plane's size, stay as requested at creation.
 *
 * @param clusterId            the cluster
 * @param team                 owning team (must match the cluster's)
 * @param siteId               the cluster's site
 * @param workerCount          the new number of workers; null leaves the workers as they are
 * @param controlPlaneReplicas the new number of control-plane microVMs, 1, 3, 5 or 7 (odd, so that etcd keeps a
 *                             quorum); null leaves the control plane as it is. At least one of the two is set.
 */
public record ClusterScaleRequested(String clusterId, String team, String siteId, Integer workerCount,
                                    Integer controlPlaneReplicas) implements EventPayload {

    /** A worker scale, as producers before {@code controlPlaneReplicas} sent it. */
    public ClusterScaleRequested(String clusterId, String team, String siteId, int workerCount) {
        this(clusterId, team, siteId, workerCount, null);
    }

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return clusterId;
    }
}
