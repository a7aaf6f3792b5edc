package io.edgefleet.placement.store;

import java.util.Set;

/**
 * What a site plan needs of a live cluster, and nothing more: plans are rebuilt for every changed
 * site of every batch, so reading the request's spec (jsonb turned to text) for each live cluster
 * was the most expensive statement of the request path. {@code initMicroVmId} is the control-plane
 * microVM that runs {@code kubeadm init} (null for a cluster from before it was recorded).
 * {@code rollingTo} is the target of a version upgrade that has not completed (rolling or stopped),
 * and {@code rolledHolders} the allocation holders placed at it (ADR 0030); null and empty otherwise.
 */
public record LiveCluster(String clusterId, String team, String siteId, String kubernetesVersion,
                          String initMicroVmId, String rollingTo, Set<String> rolledHolders) {

    public LiveCluster {
        rolledHolders = rolledHolders == null ? Set.of() : Set.copyOf(rolledHolders);
    }

    /** A cluster without an upgrade under way: every microVM runs {@code kubernetesVersion}. */
    public LiveCluster(String clusterId, String team, String siteId, String kubernetesVersion, String initMicroVmId) {
        this(clusterId, team, siteId, kubernetesVersion, initMicroVmId, null, Set.of());
    }

    /** The version the microVM of this allocation holder runs. */
    public String versionOf(String holderId) {
        return rollingTo != null && rolledHolders.contains(holderId) ? rollingTo : kubernetesVersion;
    }
}
