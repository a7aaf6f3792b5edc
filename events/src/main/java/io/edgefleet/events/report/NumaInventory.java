package io.edgefleet.events.report;

import java.util.List;
import java.util.Map;

/**
 * Capacity of one NUMA node of a host (totals, not free amounts: placement keeps the books).
 *
 * @param index        NUMA node index
 * @param cores        CPU cores
 * @param memoryMib    memory, MiB
 * @param hugepages1Gi 1 GiB hugepages configured
 * @param vfsByPhysnet SR-IOV virtual functions by physical network
 * @param coreIds      optional: the id of each physical core of the node, its lowest logical CPU id, as the host's
 *                     kernel numbers them (placement pins network functions to these); empty or absent when the
 *                     agent does not know them, and placement then numbers the cores node after node
 */
public record NumaInventory(int index, int cores, long memoryMib, int hugepages1Gi, Map<String, Integer> vfsByPhysnet,
                            List<Integer> coreIds) {

    public NumaInventory {
        vfsByPhysnet = vfsByPhysnet == null ? Map.of() : Map.copyOf(vfsByPhysnet);
        coreIds = coreIds == null ? List.of() : List.copyOf(coreIds);
    }

    /** A node reported without its core ids (agents before they were reported). */
    public NumaInventory(int index, int cores, long memoryMib, int hugepages1Gi, Map<String, Integer> vfsByPhysnet) {
        this(index, cores, memoryMib, hugepages1Gi, vfsByPhysnet, List.of());
    }
}
