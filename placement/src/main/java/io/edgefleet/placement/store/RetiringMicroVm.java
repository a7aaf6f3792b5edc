package io.edgefleet.placement.store;

/**
 * The old side of a make-before-break move: kept in the site's plan until {@code replacedBy}
 * runs. It holds nothing in the ledger (the engine released it).
 */
public record RetiringMicroVm(String microVmId, String siteId, String clusterId, String role, String hostId,
                              int vcpu, long memoryMib, long diskGib, String replacedBy) {
}
