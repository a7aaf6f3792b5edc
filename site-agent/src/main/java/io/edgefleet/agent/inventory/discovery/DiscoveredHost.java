package io.edgefleet.agent.inventory.discovery;

import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * The host's physical cores, each as its online CPUs, ordered by their lowest CPU id; a node whose sibling
     * groups were not discovered counts each CPU as a core of its own. The microVM cpuset and the kubelet's
     * reserved CPUs are both made of these, so they agree on what a core is.
     */
    public List<List<Integer>> cores() {
        List<List<Integer>> cores = new ArrayList<>();
        for (DiscoveredNumaNode n : numaNodes) {
            if (n.coreCpus().isEmpty()) {
                n.cpus().forEach(cpu -> cores.add(List.of(cpu)));
            } else {
                cores.addAll(n.coreCpus());
            }
        }
        cores.sort(Comparator.comparing(c -> c.get(0)));
        return cores;
    }

    /** Physical cores over all nodes. */
    public int physicalCores() {
        return numaNodes.stream().mapToInt(DiscoveredNumaNode::physicalCores).sum();
    }
}
