package io.edgefleet.events.outcome;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * The limits placement holds for a team changed ({@code io.edgefleet.team.quota-changed.v1}):
 * published when a {@code TeamQuotaSet} is accepted. Each event is the team's full current limits,
 * not a delta; a {@code null} limit is none. It goes on the compacted status topic under the key
 * {@code team:<team>}, so a replay of that topic rebuilds every team's limits.
 *
 * @param team        the team
 * @param vcpu        vCPUs of the team's microVMs (control planes and microVM workers)
 * @param memoryMib   memory of those microVMs, MiB
 * @param pinnedCores cores pinned to the team's network functions
 * @param clusters    live clusters
 * @param requestId   the {@code TeamQuotaSet} that set these limits
 * @param changedAt   when placement accepted them
 */
public record TeamQuotaChanged(
        String team,
        Long vcpu,
        Long memoryMib,
        Long pinnedCores,
        Integer clusters,
        String requestId,
        Instant changedAt) implements EventPayload {

    /**
     * Prefix of the record key. A colon is never part of a cluster id, so {@code team:<team>} cannot
     * be the key of a cluster's (or a network function's) status on the same compacted topic.
     */
    public static final String KEY_PREFIX = "team:";

    /** The record key of a team's limits on the status topic. */
    public static String key(String team) {
        return KEY_PREFIX + team;
    }

    @Override
    public String partitionKey() {
        return key(team);
    }

    @Override
    public String subject() {
        return team;
    }
}
