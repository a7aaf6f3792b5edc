package io.edgefleet.agent.nodeconfig;

import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.discovery.DiscoveredHost;
import io.edgefleet.agent.inventory.discovery.DiscoveredNumaNode;
import io.edgefleet.agent.inventory.discovery.SriovPf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the kubelet and the SR-IOV device plugin of one bare-metal node host are configured from.
 *
 * @param hostId             the inventory's host id (named in every error)
 * @param numaNodes          the host's NUMA nodes with their CPU ids and ordinary memory
 * @param systemReservedCpus CPUs the host keeps for itself (kernel, agent, VMM I/O threads)
 * @param microVmCpus        CPUs the host's microVMs run on (the microVM cpuset)
 * @param memory             memory kept away from pods
 * @param pfs                SR-IOV physical functions with their physnet and VF count
 */
public record NodeHost(String hostId, List<NodeNuma> numaNodes, SortedSet<Integer> systemReservedCpus,
                       SortedSet<Integer> microVmCpus, MemoryReserve memory, List<PhysnetPf> pfs) {

    public NodeHost {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(memory, "memory");
        numaNodes = numaNodes.stream().sorted(Comparator.comparingInt(NodeNuma::id)).toList();
        systemReservedCpus = Collections.unmodifiableSortedSet(new TreeSet<>(systemReservedCpus));
        microVmCpus = Collections.unmodifiableSortedSet(new TreeSet<>(microVmCpus));
        pfs = List.copyOf(pfs);
        if (numaNodes.isEmpty()) {
            throw new IllegalArgumentException("host " + hostId + ": numaNodes: a node host has at least one NUMA node");
        }
    }

    /**
     * A node host from the agent's inventory entry and what the host discovered about itself. The system's
     * reserved CPUs are those of the lowest {@code reserved.cores} physical cores, hardware-thread siblings
     * included, the convention the microVM cpuset follows ({@code MicroVmCores}); the PFs are the discovered
     * ones the inventory names a physnet for (a PF without a physnet is not the fleet's to hand out).
     *
     * @param microVmCpus      the host's microVM cpuset now
     * @param microVmMemoryMib ordinary memory the host's microVMs may take
     */
    public static NodeHost from(Host host, DiscoveredHost found, Set<Integer> microVmCpus, long microVmMemoryMib) {
        List<NodeNuma> nodes = new ArrayList<>();
        for (DiscoveredNumaNode n : found.numaNodes()) {
            nodes.add(new NodeNuma(n.id(), new TreeSet<>(n.cpus()), n.memoryMib() - (long) n.hugepages1Gi() * 1024));
        }
        SortedSet<Integer> system = new TreeSet<>();
        found.cores().stream().limit(Math.max(0, host.reserved().cores())).forEach(system::addAll);
        List<PhysnetPf> pfs = new ArrayList<>();
        for (SriovPf pf : found.pfs()) {
            String physnet = host.physnetsByPf().get(pf.name());
            if (physnet != null) {
                pfs.add(new PhysnetPf(physnet, pf.name(), pf.vfs()));
            }
        }
        return new NodeHost(host.id(), nodes, system, new TreeSet<>(microVmCpus),
                MemoryReserve.withDefaults(host.reserved().memoryMib(), microVmMemoryMib), pfs);
    }

    /** All online CPU ids of the host. */
    public SortedSet<Integer> onlineCpus() {
        SortedSet<Integer> all = new TreeSet<>();
        numaNodes.forEach(n -> all.addAll(n.cpus()));
        return all;
    }
}
