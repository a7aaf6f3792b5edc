package io.edgefleet.placement.quota;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.engine.TeamUsage;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The quotas of one batch: the limits of the teams it locked, what they held when it locked them,
 * and what its own decisions took and freed since (its writes wait in memory until the commit, so
 * the database does not show them yet). Not thread-safe: a batch is decided by one thread.
 */
final class TeamLedger {
    /** Teams whose quota row this batch read (and locked): their limits, or empty when they have none. */
    private final Map<String, Optional<QuotaLimits>> limits = new HashMap<>();
    /** What the teams held as committed, read under the lock; only for teams with limits. */
    private final Map<String, TeamUsage> committed = new HashMap<>();
    /** What this batch's decisions changed, per team (every team, limited or not). */
    private final Map<String, TeamUsage> delta = new HashMap<>();

    boolean knows(String team) {
        return limits.containsKey(team);
    }

    boolean needsUsage(String team) {
        return limits.getOrDefault(team, Optional.empty()).isPresent() && !committed.containsKey(team);
    }

    void limits(String team, Optional<QuotaLimits> teamLimits) {
        limits.put(team, teamLimits);
    }

    void committed(String team, TeamUsage used) {
        committed.put(team, used);
    }

    /** The team's quota with what it uses now, or null when it has no limits (the engine then checks none). */
    TeamQuota quota(String team) {
        Optional<QuotaLimits> l = limits.getOrDefault(team, Optional.empty());
        if (l.isEmpty()) {
            return null;
        }
        TeamUsage used = committed.getOrDefault(team, TeamUsage.NONE).plus(delta.getOrDefault(team, TeamUsage.NONE));
        return new TeamQuota(team, l.get().asEngineLimit(), used);
    }

    /** A written decision: what it placed is taken from its teams, what it released given back. */
    void took(Decision decision) {
        for (Allocation a : decision.released()) {
            delta.merge(a.team(), TeamUsage.NONE.plus(a, -1), TeamUsage::plus);
        }
        for (Allocation a : decision.placed()) {
            delta.merge(a.team(), TeamUsage.NONE.plus(a, 1), TeamUsage::plus);
        }
    }

    void clusters(String team, int change) {
        delta.merge(team, TeamUsage.NONE.plusClusters(change), TeamUsage::plus);
    }
}
