package io.edgefleet.api.teams;

/**
 * A team's limits as a {@code TeamQuotaSet} carries them; {@code null}: no limit on that dimension.
 *
 * @param vcpu        vCPUs of the team's microVMs
 * @param memoryMib   memory of those microVMs, MiB
 * @param pinnedCores cores pinned to the team's network functions
 * @param clusters    live clusters
 */
public record QuotaLimits(Long vcpu, Long memoryMib, Long pinnedCores, Integer clusters) {
}
