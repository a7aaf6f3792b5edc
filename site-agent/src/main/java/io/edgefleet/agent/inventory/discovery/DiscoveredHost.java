package io.edgefleet.agent.inventory.discovery;

import java.util.List;

/**
 * What a host says about itself through sysfs and procfs.
 *
 * @param numaNodes      its NUMA nodes, by id; one node 0 on machines without a NUMA tree in sysfs
 * @param numaTree       whether the nodes came from {@code /sys/devices/system/node} (false: the
 *                       fallback from {@code /sys/devices/system/cpu/online} and {@code /proc/meminfo})
 * @param totalMemoryMib the machine's memory ({@code MemTotal} of {@code /proc/meminfo})
 * @param pfs            its SR-IOV physical functions, by name
 */
public record DiscoveredHost(List<DiscoveredNumaNode> numaNodes, boolean numaTree, long totalMemoryMib,
                             List<SriovPf> pfs) {
    public DiscoveredHost {
        numaNodes = List.copyOf(numaNodes);
        pfs = List.copyOf(pfs);
    }

    /** Online logical CPUs (hardware threads) over all nodes. */
    public int logicalCpus() {
        return numaNodes.stream().mapToInt(n -> n.cpus().size()).sum();
    }

    /** Physical cores over all nodes. */
    public int physicalCores() {
        return numaNodes.stream().mapToInt(DiscoveredNumaNode::physicalCores).sum();
    }
}
