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
 * @param coreCpus      each physical core's CPUs (its hardware threads), ordered by their lowest CPU id;
 *                      empty when not known
 */
public record DiscoveredNumaNode(int id, List<Integer> cpus, int physicalCores, long memoryMib, int hugepages1Gi,
                                 List<List<Integer>> coreCpus) {
    public DiscoveredNumaNode {
        cpus = List.copyOf(cpus);
        coreCpus = coreCpus == null ? List.of() : coreCpus.stream().map(List::copyOf).toList();
    }

    /** A node whose cores' CPUs are not known. */
    public DiscoveredNumaNode(int id, List<Integer> cpus, int physicalCores, long memoryMib, int hugepages1Gi) {
        this(id, cpus, physicalCores, memoryMib, hugepages1Gi, List.of());
    }

    /**
     * The node's physical cores, each named by its lowest CPU id: the ids placement pins network functions to,
     * as kubelet and cgroups know them. Empty when not known.
     */
    public List<Integer> coreIds() {
        return coreCpus.stream().map(c -> c.get(0)).toList();
    }
}
