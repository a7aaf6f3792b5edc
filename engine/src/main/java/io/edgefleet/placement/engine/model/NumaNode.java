package io.edgefleet.placement.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One NUMA node of a host.
 *
 * @param index         0-based node index on the host
 * @param cores         physical CPU cores of the node (the unit of pinning)
 * @param memoryMib     memory available as normal pages; hugepages are a separate pool reserved
 *                      at boot, so they are NOT included here
 * @param hugepages1Gi  number of 1 GiB hugepages reserved on this node
 * @param vfsByPhysnet  SR-IOV virtual functions per physical network wired to this node's NICs
 * @param coreIds       the host's id of each core (its lowest logical CPU), ascending, as its agent
 *                      discovered them; empty when not reported. The engine counts cores; placement
 *                      pins network functions to these ids.
 */
public record NumaNode(int index, int cores, long memoryMib, int hugepages1Gi,
                       Map<String, Integer> vfsByPhysnet, List<Integer> coreIds) {

    /** A node whose core ids are not known. */
    public NumaNode(int index, int cores, long memoryMib, int hugepages1Gi, Map<String, Integer> vfsByPhysnet) {
        this(index, cores, memoryMib, hugepages1Gi, vfsByPhysnet, List.of());
    }

    public NumaNode {
        if (index < 0 || cores < 0 || memoryMib < 0 || hugepages1Gi < 0) {
            throw new IllegalArgumentException("NUMA node values must be >= 0");
        }
        vfsByPhysnet = Map.copyOf(Objects.requireNonNull(vfsByPhysnet, "vfsByPhysnet"));
        coreIds = coreIds == null ? List.of() : coreIds.stream().sorted().toList();
        if (!coreIds.isEmpty() && coreIds.size() != cores) {
            throw new IllegalArgumentException("NUMA node " + index + ": " + coreIds.size() + " core ids for "
                    + cores + " cores");
        }
    }

    /**
     * The normal-page memory of a node whose whole memory is {@code wholeMemoryMib} (as its agent
     * reports it, like the kernel's MemTotal): the 1 GiB hugepage pool is set aside at boot and is
     * never ordinary memory. This is what {@link #memoryMib} holds; placement builds the engine's
     * nodes with it, and every view of free memory must use it too. Never below 0.
     */
    public static long ordinaryMemoryMib(long wholeMemoryMib, int hugepages1Gi) {
        return Math.max(0, wholeMemoryMib - hugepages1Gi * 1024L);
    }

    /** Number of VFs of {@code physnet} on this node (0 when not wired). */
    public int vfs(String physnet) {
        return vfsByPhysnet.getOrDefault(physnet, 0);
    }
}
