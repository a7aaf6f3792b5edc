package io.edgefleet.placement.store;

import io.edgefleet.events.outcome.ClusterStatus;
import java.time.Instant;

/**
 * A cluster as placement keeps it. {@code spec} is the original request's JSON, with the sizes of
 * later scales; {@code initMicroVmId} is the control-plane microVM that runs {@code kubeadm init},
 * set at creation and never changed (null for a row read before it was known).
 */
public record ClusterRow(String clusterId, String team, String siteId, String kubernetesVersion, String spec,
                         ClusterStatus status, String reason, Instant expiresAt, String initMicroVmId) {

    public ClusterRow(String clusterId, String team, String siteId, String kubernetesVersion, String spec,
                      ClusterStatus status, String reason, Instant expiresAt) {
        this(clusterId, team, siteId, kubernetesVersion, spec, status, reason, expiresAt, null);
    }

    public ClusterRow withStatus(ClusterStatus newStatus, String newReason) {
        return new ClusterRow(clusterId, team, siteId, kubernetesVersion, spec, newStatus, newReason, expiresAt,
                initMicroVmId);
    }

    public ClusterRow withSpec(String newSpec) {
        return new ClusterRow(clusterId, team, siteId, kubernetesVersion, newSpec, status, reason, expiresAt,
                initMicroVmId);
    }
}
