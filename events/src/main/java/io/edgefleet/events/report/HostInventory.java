package io.edgefleet.events.report;

import java.util.List;

/**
 * What one host of a site is and has, as its agent sees it.
 *
 * @param hostId            the host
 * @param failureDomain     rack or chassis; control-plane replicas spread across these
 * @param state             READY, CORDONED or DOWN
 * @param capabilities      e.g. {@code microvm}, {@code sriov:physnet-a}
 * @param numaNodes         per-NUMA-node capacity
 * @param reservedCores     cores kept for the host system and the agent, never allocated
 * @param reservedMemoryMib memory kept for the host system, MiB
 * @param cpuAllocationRatio shared microVM vCPUs per unreserved core (1 = no overcommit); optional,
 *                          placement applies its default when absent
 * @param diskGib           local disk for microVM images, GiB; optional, placement's default when absent
 * @param microVmIsolation  how the host confines its microVMs (cgroup hierarchy and groups), or that it
 *                          does NOT, in the agent's words; optional, informational (ADR 0021)
 */
public record HostInventory(
        String hostId,
        String failureDomain,
        HostState state,
        List<String> capabilities,
        List<NumaInventory> numaNodes,
        int reservedCores,
        long reservedMemoryMib,
        Double cpuAllocationRatio,
        Long diskGib,
        String microVmIsolation) {

    /** A host inventory without the isolation statement (agents before ADR 0021). */
    public HostInventory(String hostId, String failureDomain, HostState state, List<String> capabilities,
                         List<NumaInventory> numaNodes, int reservedCores, long reservedMemoryMib,
                         Double cpuAllocationRatio, Long diskGib) {
        this(hostId, failureDomain, state, capabilities, numaNodes, reservedCores, reservedMemoryMib, cpuAllocationRatio,
                diskGib, null);
    }

    public HostInventory {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        numaNodes = numaNodes == null ? List.of() : List.copyOf(numaNodes);
    }
}
