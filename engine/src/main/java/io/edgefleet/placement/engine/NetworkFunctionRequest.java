package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Resources;
import java.util.Map;
import java.util.Objects;

/**
 * Place the replicas of a network function (UPF, vDU, ...). Each replica takes its pinned
 * cores, hugepages, memory and VFs from ONE NUMA node; replicas land on distinct hosts.
 *
 * @param nfId        unique id; holder ids become {@code <nfId>/r-i}
 * @param team        owning team (quotas)
 * @param clusterId   cluster the function runs in: its replicas land only on hosts that are, or
 *                    may become, nodes of that cluster (ADR 0026)
 * @param replicas    number of replicas, >= 1
 * @param pinnedCores exclusive cores per replica
 * @param hugepages   1 GiB hugepages per replica
 * @param memoryMib   normal memory per replica
 * @param vfs         SR-IOV VFs per physnet per replica
 */
public record NetworkFunctionRequest(String nfId, String team, String clusterId, int replicas,
                                     int pinnedCores, int hugepages, long memoryMib,
                                     Map<String, Integer> vfs) {

    public NetworkFunctionRequest {
        Objects.requireNonNull(nfId, "nfId");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(clusterId, "clusterId");
        vfs = Map.copyOf(vfs);
    }

    /** What one replica holds. */
    public Resources replicaResources() {
        return Resources.pinned(pinnedCores, memoryMib, hugepages, vfs);
    }
}
