package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * An operator sets a team's fleet-wide limits ({@code io.edgefleet.team.quota-set.v1}); the new
 * limits replace the old ones as a whole. A {@code null} limit leaves that dimension unlimited.
 * A limit below what the team already holds is accepted: the team can shrink but not grow.
 *
 * @param team        the team
 * @param vcpu        vCPUs of every microVM the team holds (control planes and microVM workers)
 * @param memoryMib   memory of those microVMs, MiB
 * @param pinnedCores cores pinned to the team's network functions
 * @param clusters    number of clusters
 */
public record TeamQuotaSet(String team, Long vcpu, Long memoryMib, Long pinnedCores, Integer clusters)
        implements EventPayload {

    @Override
    public String partitionKey() {
        return team;
    }

    @Override
    public String subject() {
        return team;
    }
}
