package io.edgefleet.events.plan;

import java.util.List;
import java.util.Map;

/**
 * One replica of a network function, pinned to one NUMA node of one host.
 *
 * @param index        replica index, 0-based
 * @param hostId       the host
 * @param numaNode     the NUMA node all its resources come from
 * @param pinnedCores  the exact CPU core ids reserved for it
 * @param hugepages1Gi 1 GiB hugepages
 * @param memoryMib    ordinary memory, MiB
 * @param vfsByPhysnet SR-IOV VFs by physical network
 */
public record PlannedNfReplica(
        int index,
        String hostId,
        int numaNode,
        List<Integer> pinnedCores,
        int hugepages1Gi,
        long memoryMib,
        Map<String, Integer> vfsByPhysnet) {

    public PlannedNfReplica {
        pinnedCores = pinnedCores == null ? List.of() : List.copyOf(pinnedCores);
        vfsByPhysnet = vfsByPhysnet == null ? Map.of() : Map.copyOf(vfsByPhysnet);
    }
}
