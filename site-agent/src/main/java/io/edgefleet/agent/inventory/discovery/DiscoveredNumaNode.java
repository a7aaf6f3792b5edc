package io.edgefleet.agent.inventory.discovery;

import java.util.List;

/**
 * One NUMA node as the kernel describes it.
 *
 * @param id            the kernel's node number
 * @param cpus          its online logical CPUs (hardware threads), ascending
 * @param physicalCores its physical cores: groups of hyper-thread siblings, each counted once
 *                      (what {@link io.edgefleet.agent.inventory.NumaNode#cores()} counts)
 * @param memoryMib     its memory ({@code MemTotal}), hugepages included
 * @param hugepages1Gi  1 GiB hugepages set aside on it
 */
public record DiscoveredNumaNode(int id, List<Integer> cpus, int physicalCores, long memoryMib, int hugepages1Gi) {
    public DiscoveredNumaNode {
        cpus = List.copyOf(cpus);
    }
}
