package io.edgefleet.bench;

import io.edgefleet.placement.engine.NetworkFunctionRequest;
import java.util.Map;

/**
 * The network functions of the density fleet. Sizes are assumptions of plausible 5G edge
 * deployments, not published figures: pinned cores, 1 GiB hugepages and SR-IOV VFs per replica,
 * all from one NUMA node.
 *
 * <ul>
 *   <li>UPF: 2 replicas (an active/standby pair, so on two hosts), 8 cores, 8 hugepages, 4 GiB,
 *       2 VFs (N3 and N6);</li>
 *   <li>vDU: 1 replica (it serves the cells of its radio units; neighbouring cells are its
 *       redundancy), 12 cores, 16 hugepages, 8 GiB, 4 VFs (fronthaul and midhaul).</li>
 * </ul>
 */
enum DensityNetworkFunction {
    UPF("upf", 2, 8, 8, 4_096, 2),
    VDU("vdu", 1, 12, 16, 8_192, 4);

    private final String label;
    private final int replicas;
    private final int pinnedCores;
    private final int hugepages;
    private final long memoryMib;
    private final int vfs;

    DensityNetworkFunction(String label, int replicas, int pinnedCores, int hugepages, long memoryMib,
                           int vfs) {
        this.label = label;
        this.replicas = replicas;
        this.pinnedCores = pinnedCores;
        this.hugepages = hugepages;
        this.memoryMib = memoryMib;
        this.vfs = vfs;
    }

    int replicas() {
        return replicas;
    }

    /** The request for the {@code index}-th function of cluster {@code clusterId}. */
    NetworkFunctionRequest request(String clusterId, String team, int index) {
        return new NetworkFunctionRequest(clusterId + "-" + label + "-" + index, team, clusterId, replicas,
                pinnedCores, hugepages, memoryMib, Map.of(DensityServers.PHYSNET, vfs));
    }
}
