package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * A team asks to delete a cluster ({@code io.edgefleet.cluster.delete-requested.v1}).
 *
 * @param clusterId the cluster
 * @param team      owning team (must match the cluster's)
 * @param siteId    the cluster's site
 * @param reason    optional free text kept for the audit trail
 */
public record ClusterDeleteRequested(String clusterId, String team, String siteId, String reason)
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
