package io.edgefleet.api.teams;

/**
 * What a team holds across the fleet, as the read side sees it: the microVMs and network-function
 * replicas in the latest plan of every site, for the team's live clusters.
 *
 * @param vcpu        vCPUs of the team's microVMs (control planes and microVM workers)
 * @param memoryMib   memory of those microVMs, MiB
 * @param pinnedCores cores pinned to the team's network-function replicas
 * @param clusters    live clusters (neither DELETED nor FAILED)
 */
public record TeamUsage(long vcpu, long memoryMib, long pinnedCores, int clusters) {
}
