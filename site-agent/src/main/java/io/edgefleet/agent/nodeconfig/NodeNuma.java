package io.edgefleet.agent.nodeconfig;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One NUMA node of a node host, as the kubelet's CPU and memory managers see it.
 *
 * @param id                the kernel's node number
 * @param cpus              its online logical CPU ids
 * @param ordinaryMemoryMib its memory without the 1 GiB hugepages (the memory manager's {@code memory} type)
 */
public record NodeNuma(int id, SortedSet<Integer> cpus, long ordinaryMemoryMib) {
    public NodeNuma {
        if (id < 0 || ordinaryMemoryMib < 0) {
            throw new IllegalArgumentException("NUMA node " + id + ": id and memory must not be negative");
        }
        cpus = Collections.unmodifiableSortedSet(new TreeSet<>(cpus));
    }
}
