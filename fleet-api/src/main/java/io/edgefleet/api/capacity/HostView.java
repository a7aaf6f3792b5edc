package io.edgefleet.api.capacity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgefleet.events.report.HostState;
import java.util.List;

/**
 * A host with its capacity, allocations and free space, per host and per NUMA node.
 * {@code heldByCluster} is set when a bare-metal worker holds the whole host.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostView(String hostId, String siteId, String failureDomain, HostState state, List<String> capabilities,
                       String heldByCluster, CpuBreakdown cpu, Amount memoryMib, Amount hugepages1Gi,
                       Amount diskGib, List<NumaCapacity> numaNodes, List<Allocation> allocations) {

    /** True when anything runs on the host. */
    public boolean inUse() {
        return heldByCluster != null || !allocations.isEmpty();
    }
}
