package io.edgefleet.api.capacity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Who holds what on a host. {@code kind}: CONTROL_PLANE or WORKER (microVMs, from the shared
 * pool, not bound to a NUMA node), NETWORK_FUNCTION (one replica, from one NUMA node) or
 * BARE_METAL_WORKER (the whole host). Another team's holders are shown without ids.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Allocation(String kind, String holderId, String clusterId, String team, Integer numaNode, int vcpu,
                         int pinnedCores, long memoryMib, int hugepages1Gi, int diskGib,
                         Map<String, Integer> vfsByPhysnet) {
}
