package io.edgefleet.agent.inventory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One NUMA node of a host.
 *
 * @param id           the node number as the kernel numbers it (0, 1, ...)
 * @param cores        physical CPU cores on this node
 * @param memoryMib    all memory of this node in MiB, INCLUDING what is set aside as 1 GiB hugepages
 * @param hugepages1Gi 1 GiB hugepages set aside on this node (for network functions)
 * @param vfsByPhysnet SR-IOV virtual functions on this node, per physical network name
 * @param coreIds      the id of each physical core (its lowest CPU id) as discovered; empty when not known (an
 *                     inventory file alone does not say)
 */
public record NumaNode(int id, int cores, long memoryMib, int hugepages1Gi, Map<String, Integer> vfsByPhysnet,
                       List<Integer> coreIds) {

    /** A node whose core ids are not known. */
    public NumaNode(int id, int cores, long memoryMib, int hugepages1Gi, Map<String, Integer> vfsByPhysnet) {
        this(id, cores, memoryMib, hugepages1Gi, vfsByPhysnet, List.of());
    }

    public NumaNode {
        if (id < 0 || cores < 0 || memoryMib < 0 || hugepages1Gi < 0) {
            throw new IllegalArgumentException("NUMA node values must not be negative");
        }
        if ((long) hugepages1Gi * 1024 > memoryMib) {
            throw new IllegalArgumentException("NUMA node " + id + ": hugepages (" + hugepages1Gi
                    + " GiB) exceed its memory (" + memoryMib + " MiB)");
        }
        vfsByPhysnet = vfsByPhysnet == null ? Map.of() : Map.copyOf(new TreeMap<>(vfsByPhysnet));
        coreIds = coreIds == null ? List.of() : List.copyOf(coreIds);
        if (!coreIds.isEmpty() && coreIds.size() != cores) {
            throw new IllegalArgumentException("NUMA node " + id + ": " + coreIds.size() + " core ids for " + cores + " cores");
        }
    }

    /** Memory left for ordinary (4 KiB page) use, such as microVM guest memory: total minus hugepages. */
    public long ordinaryMemoryMib() {
        return memoryMib - (long) hugepages1Gi * 1024;
    }
}
