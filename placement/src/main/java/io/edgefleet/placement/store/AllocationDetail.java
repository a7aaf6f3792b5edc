package io.edgefleet.placement.store;

import java.util.List;

/**
 * What placement keeps about an allocation beyond the engine's ledger: the microVM's id (null for
 * bare-metal workers and NF replicas), the cores an NF replica pins, and how many times the
 * holder was re-placed after its microVM failed.
 */
public record AllocationDetail(String microVmId, List<Integer> coreIds, int attempts) {
    public AllocationDetail {
        coreIds = coreIds == null ? List.of() : List.copyOf(coreIds);
    }
}
