package io.edgefleet.placement.engine;

import java.util.Objects;

/**
 * Create a site-scoped cluster.
 *
 * @param clusterId            unique id; holder ids become {@code <clusterId>/cp-i}, {@code /w-i}
 * @param team                 owning team (quotas)
 * @param controlPlaneReplicas 1, 3, 5 or 7 microVMs
 * @param controlPlane         size of each control-plane microVM
 * @param workers              bare-metal hosts or microVMs
 */
public record ClusterRequest(String clusterId, String team, int controlPlaneReplicas,
                             MicroVmSize controlPlane, Workers workers) {

    public ClusterRequest {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(workers, "workers");
    }
}
