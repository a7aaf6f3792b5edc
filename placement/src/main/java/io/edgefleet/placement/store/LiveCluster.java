package io.edgefleet.placement.store;

/**
 * What a site plan needs of a live cluster, and nothing more: plans are rebuilt for every changed
 * site of every batch, so reading the request's spec (jsonb turned to text) for each live cluster
 * was the most expensive statement of the request path. {@code initMicroVmId} is the control-plane
 * microVM that runs {@code kubeadm init} (null for a cluster from before it was recorded).
 */
public record LiveCluster(String clusterId, String team, String siteId, String kubernetesVersion,
                          String initMicroVmId) {
}
