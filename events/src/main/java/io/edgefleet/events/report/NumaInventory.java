package io.edgefleet.events.report;

import java.util.Map;

/**
 * Capacity of one NUMA node of a host (totals, not free amounts: placement keeps the books).
 *
 * @param index        NUMA node index
 * @param cores        CPU cores
 * @param memoryMib    memory, MiB
 * @param hugepages1Gi 1 GiB hugepages configured
 * @param vfsByPhysnet SR-IOV virtual functions by physical network
 */
public record NumaInventory(int index, int cores, long memoryMib, int hugepages1Gi, Map<String, Integer> vfsByPhysnet) {

    public NumaInventory {
        vfsByPhysnet = vfsByPhysnet == null ? Map.of() : Map.copyOf(vfsByPhysnet);
    }
}
