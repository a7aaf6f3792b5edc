package io.edgefleet.placement.quota;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.TeamQuotaSet;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.engine.TeamUsage;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.intake.Batch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.jboss.logging.Logger;

/**
 * Team quotas for the request path. A batch first {@link #prepare}s the teams it will decide for:
 * their quota rows are locked in team order before any other lock, so two placement replicas
 * deciding for one team on different sites take turns, and the second sums what the team holds
 * after the first committed. Handlers then ask {@link #forTeam} for the quota to give the engine,
 * and report every decision they write ({@link #took}) and every cluster they create or end, so
 * later requests of the same batch see them.
 */
@ApplicationScoped
public class TeamQuotas {
    private static final Logger LOG = Logger.getLogger(TeamQuotas.class);

    /** The ledger of each batch; weak, so a batch's entry goes with the batch. */
    private final Map<Batch, TeamLedger> ledgers = Collections.synchronizedMap(new WeakHashMap<>());

    @Inject
    TeamQuotaStore store;

    /**
     * Locks the quota rows of these teams in team order and reads what those with limits hold. Call
     * before the batch takes any other lock (the batch's reads take none).
     */
    public void prepare(Batch batch, Collection<String> teams) throws SQLException {
        TeamLedger ledger = ledger(batch);
        TreeSet<String> missing = new TreeSet<>();
        for (String team : teams) {
            if (team != null && !ledger.knows(team)) {
                missing.add(team);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, QuotaLimits> limits = store.lock(batch.tx(), missing);
        for (String team : missing) {
            ledger.limits(team, Optional.ofNullable(limits.get(team)));
        }
        // Summed only now, after the locks: a replica that held one committed before we got it.
        Map<String, TeamUsage> used = store.usage(batch.tx(), limits.keySet());
        used.forEach(ledger::committed);
    }

    /**
     * The team whose quota row a request needs locked: requests that may make a team hold more, and
     * those that set its limits. Null for the others (a release never needs the lock).
     */
    public static String lockedFor(EventPayload request) {
        if (request instanceof ClusterRequested r) {
            return r.team();
        } else if (request instanceof ClusterScaleRequested r) {
            return r.team();
        } else if (request instanceof NetworkFunctionRequested r) {
            return r.team();
        } else if (request instanceof TeamQuotaSet r) {
            return r.team();
        }
        return null;
    }

    /** The team's quota with what it uses now (null: no limits), locking its row first if not yet done. */
    public TeamQuota forTeam(Batch batch, String team) throws SQLException {
        TeamLedger ledger = ledger(batch);
        if (!ledger.knows(team)) {
            // Not prepared with the batch: locked now, out of team order; a deadlock this risks is
            // detected by the database and the batch is decided again.
            LOG.debugf("quota of team %s locked late", team);
            prepare(batch, List.of(team));
        }
        return ledger.quota(team);
    }

    /**
     * The quotas of these teams, for the engine's {@code placeBatch}: only teams with limits have an
     * entry (the engine treats a team without one as unlimited).
     */
    public Map<String, TeamQuota> forTeams(Batch batch, Collection<String> teams) throws SQLException {
        prepare(batch, teams);
        Map<String, TeamQuota> out = new HashMap<>();
        for (String team : teams) {
            TeamQuota q = team == null ? null : forTeam(batch, team);
            if (q != null) {
                out.put(team, q);
            }
        }
        return out;
    }

    /**
     * Null when a decision made without this quota (e.g. a burst's, decided ahead) fits it, else the
     * sentence the engine gives; {@code newClusters} counts the clusters the decision creates.
     */
    public static String refusal(TeamQuota quota, Decision decision, int newClusters) {
        if (quota == null || !decision.accepted()) {
            return null;
        }
        TeamUsage delta = change(quota.team(), decision).plusClusters(newClusters);
        return quota.exceeded(delta);
    }

    /** What the decision changes in what the team holds (placed minus released; clusters not counted). */
    public static TeamUsage change(String team, Decision decision) {
        TeamUsage delta = TeamUsage.NONE;
        for (Allocation a : decision.released()) {
            delta = a.team().equals(team) ? delta.plus(a, -1) : delta;
        }
        for (Allocation a : decision.placed()) {
            delta = a.team().equals(team) ? delta.plus(a, 1) : delta;
        }
        return delta;
    }

    /** A decision was written in this batch: its teams hold what it placed and no longer what it released. */
    public void took(Batch batch, Decision decision) {
        ledger(batch).took(decision);
    }

    /** A cluster of the team was created ({@code change} 1) or ended (-1) in this batch. */
    public void clusters(Batch batch, String team, int change) {
        ledger(batch).clusters(Objects.requireNonNull(team, "team"), change);
    }

    /** Limits were set for the team in this batch: later requests of the batch are held to them. */
    public void limitsSet(Batch batch, String team, QuotaLimits limits) throws SQLException {
        TeamLedger ledger = ledger(batch);
        ledger.limits(team, Optional.of(limits));
        if (ledger.needsUsage(team)) {
            ledger.committed(team, store.usage(batch.tx(), List.of(team)).get(team));
        }
    }

    private TeamLedger ledger(Batch batch) {
        return ledgers.computeIfAbsent(batch, b -> new TeamLedger());
    }
}
