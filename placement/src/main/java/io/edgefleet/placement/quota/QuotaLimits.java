package io.edgefleet.placement.quota;

import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.engine.TeamUsage;

/**
 * A team's limits as an operator set them; {@code null} leaves a dimension without a limit.
 *
 * @param vcpu        vCPUs of the team's microVMs (control planes and microVM workers)
 * @param memoryMib   memory of those microVMs, MiB
 * @param pinnedCores cores pinned to the team's network-function replicas
 * @param clusters    live clusters
 */
public record QuotaLimits(Long vcpu, Long memoryMib, Long pinnedCores, Integer clusters) {

    /** As the engine takes them: every dimension without a limit (hugepages, whole hosts too) is unbounded. */
    public TeamUsage asEngineLimit() {
        return new TeamUsage(orNone(vcpu), orNone(memoryMib), orNone(pinnedCores), TeamQuota.NONE, TeamQuota.NONE,
                clusters == null ? TeamQuota.NONE : clusters);
    }

    private static long orNone(Long limit) {
        return limit == null ? TeamQuota.NONE : limit;
    }
}
