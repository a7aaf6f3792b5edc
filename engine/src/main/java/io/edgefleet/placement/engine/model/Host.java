package io.edgefleet.placement.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A bare-metal server of a site.
 *
 * @param id                 unique within the site
 * @param failureDomain      rack or chassis; control-plane replicas spread over these
 * @param state              READY, CORDONED or DOWN
 * @param capabilities       e.g. {@code microvm}, {@code sriov:physnet-a}
 * @param numaNodes          the NUMA nodes, index i at position i
 * @param reserved           system share never given to workloads
 * @param cpuAllocationRatio overcommit factor for the SHARED vCPUs of microVMs (e.g. 4.0);
 *                           pinned cores, memory, hugepages and VFs are never overcommitted
 * @param diskGib            local disk for microVM root and data volumes
 */
public record Host(String id, String failureDomain, HostState state, Set<String> capabilities,
                   List<NumaNode> numaNodes, SystemReserve reserved, double cpuAllocationRatio,
                   long diskGib) {

    /** Capability a host needs to run Firecracker microVMs. */
    public static final String MICROVM = "microvm";

    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(failureDomain, "failureDomain");
        Objects.requireNonNull(state, "state");
        capabilities = Set.copyOf(capabilities);
        numaNodes = List.copyOf(numaNodes);
        Objects.requireNonNull(reserved, "reserved");
        for (int i = 0; i < numaNodes.size(); i++) {
            if (numaNodes.get(i).index() != i) {
                throw new IllegalArgumentException("host " + id + ": NUMA node at position " + i
                        + " has index " + numaNodes.get(i).index());
            }
        }
        if (cpuAllocationRatio < 1.0 || diskGib < 0) {
            throw new IllegalArgumentException("host " + id + ": ratio must be >= 1 and disk >= 0");
        }
    }

    /** Capability name a host needs to hand out VFs of {@code physnet}. */
    public static String sriov(String physnet) {
        return "sriov:" + physnet;
    }

    /** Total physical cores over all NUMA nodes. */
    public int totalCores() {
        int sum = 0;
        for (NumaNode n : numaNodes) {
            sum += n.cores();
        }
        return sum;
    }

    /** Total normal-page memory over all NUMA nodes. */
    public long totalMemoryMib() {
        long sum = 0;
        for (NumaNode n : numaNodes) {
            sum += n.memoryMib();
        }
        return sum;
    }
}
