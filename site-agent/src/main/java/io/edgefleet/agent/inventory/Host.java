package io.edgefleet.agent.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Set;

/**
 * One bare-metal server of a site, as declared in the site inventory.
 *
 * @param id                 unique within the site
 * @param failureDomain      rack or chassis; hosts sharing one fail together
 * @param state              operational state
 * @param capabilities       e.g. {@code microvm}, {@code sriov:physnet-a}
 * @param cpuAllocationRatio how many shared microVM vCPUs one unreserved core may carry (overcommit, >= 1)
 * @param reserved           the host's own share, never given to workloads
 * @param diskGib            local disk for microVM images in GiB, or 0 if not accounted
 * @param numaNodes          the host's NUMA nodes; empty only in a file whose hosts are discovered
 *                           ({@link AgentInventory}), which fills them in before anything uses them
 * @param physnetsByPf       physical network of each SR-IOV physical function, by interface name
 *                           ({@code ens2f0 -> physnet-a}): what discovery cannot know
 */
public record Host(String id, String failureDomain, HostState state, Set<String> capabilities,
                   double cpuAllocationRatio, ReservedShare reserved, long diskGib, List<NumaNode> numaNodes,
                   Map<String, String> physnetsByPf) {

    /** A host whose file names no physical function. */
    public Host(String id, String failureDomain, HostState state, Set<String> capabilities,
                double cpuAllocationRatio, ReservedShare reserved, long diskGib, List<NumaNode> numaNodes) {
        this(id, failureDomain, state, capabilities, cpuAllocationRatio, reserved, diskGib, numaNodes, Map.of());
    }

    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(failureDomain, "failureDomain");
        Objects.requireNonNull(state, "state");
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        if (!(cpuAllocationRatio >= 1.0)) {
            throw new IllegalArgumentException("host " + id + ": cpuAllocationRatio must be >= 1, got " + cpuAllocationRatio);
        }
        Objects.requireNonNull(reserved, "reserved");
        if (diskGib < 0) {
            throw new IllegalArgumentException("host " + id + ": diskGib must not be negative");
        }
        numaNodes = List.copyOf(numaNodes);
        physnetsByPf = physnetsByPf == null ? Map.of() : Map.copyOf(new TreeMap<>(physnetsByPf));
    }

    /** All physical cores of the host. */
    public int totalCores() {
        return numaNodes.stream().mapToInt(NumaNode::cores).sum();
    }

    /** Shared vCPUs microVMs may use in total: unreserved cores times the allocation ratio, rounded down. */
    public int microVmVcpuCapacity() {
        return (int) Math.floor(Math.max(0, totalCores() - reserved.cores()) * cpuAllocationRatio);
    }

    /** Guest memory microVMs may use in total: ordinary (non-hugepage) memory minus the reserved share. */
    public long microVmMemoryCapacityMib() {
        long ordinary = numaNodes.stream().mapToLong(NumaNode::ordinaryMemoryMib).sum();
        return Math.max(0, ordinary - reserved.memoryMib());
    }

    /** The same host with other NUMA nodes (discovered ones, see {@link AgentInventory}). */
    public Host withNumaNodes(List<NumaNode> nodes) {
        return new Host(id, failureDomain, state, capabilities, cpuAllocationRatio, reserved, diskGib, nodes,
                physnetsByPf);
    }

    /** Whether the host declares a capability, e.g. {@code microvm}. */
    public boolean has(String capability) {
        return capabilities.contains(capability);
    }
}
