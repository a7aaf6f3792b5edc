package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * A team asks to move an existing cluster to another Kubernetes version
 * ({@code io.edgefleet.cluster.upgrade-requested.v1}). Placement rolls the control plane one
 * replica at a time, make-before-break, then the workers; a minor version may not be skipped.
 *
 * @param clusterId         the cluster
 * @param team              owning team (must match the cluster's)
 * @param siteId            the cluster's site
 * @param kubernetesVersion the target version, e.g. {@code 1.32} or {@code v1.32.1}
 */
public record ClusterUpgradeRequested(String clusterId, String team, String siteId, String kubernetesVersion)
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
