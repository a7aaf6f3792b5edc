package io.edgefleet.placement.intake;

import io.edgefleet.placement.engine.BatchOptions;
import io.edgefleet.placement.engine.BatchResult;
import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.engine.TeamUsage;
import io.edgefleet.placement.engine.ledger.SiteState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How placement decides several cluster creates for one site that arrive in one poll (ADR 0031).
 * Pure (engine only), so the density bench runs this very policy.
 *
 * <p>The rule: decide the burst both ways, one by one in arrival order and with the engine's batch
 * placement ({@link PlacementEngine#placeBatch}); keep the batch's decisions when they accept at
 * least as many requests AND leave no more hosts in use; otherwise keep one by one. The batch never
 * accepts fewer (arrival order is one of its candidates), but it may spread onto an extra host to
 * fit the same number, and density matters as much as acceptance here.
 */
public final class BurstDecisions {
    private static final PlacementEngine ENGINE = new PlacementEngine();

    /** The batch placement's limits for a poll's burst: 200 order changes (so the seed alone decides), 50 ms. */
    public static final BatchOptions OPTIONS = new BatchOptions(Duration.ofMillis(50), 200, 0);

    private BurstDecisions() {
    }

    /**
     * The burst's decisions.
     *
     * @param decisions   one per request, in input order; each accepted one fits the site together with
     *                    every other accepted one
     * @param batched     whether these are the batch placement's decisions
     * @param acceptedOne accepted one by one
     * @param hostsOne    hosts in use after one by one
     * @param acceptedAll accepted by the batch placement
     * @param hostsAll    hosts in use after the batch placement
     */
    public record Choice(List<Decision> decisions, boolean batched, int acceptedOne, int hostsOne,
                         int acceptedAll, int hostsAll) {
    }

    /**
     * Decides {@code requests} on {@code state}.
     *
     * @param quotas each team's quota by team id (a team without an entry has no limit; may be empty)
     */
    public static Choice decide(SiteState state, List<ClusterRequest> requests, Map<String, TeamQuota> quotas,
                                BatchOptions options) {
        List<Decision> oneByOne = new ArrayList<>();
        Map<String, TeamQuota> left = new HashMap<>(quotas);
        SiteState one = state;
        int acceptedOne = 0;
        for (ClusterRequest r : requests) {
            Decision d = ENGINE.createCluster(one, r, left.get(r.team()));
            oneByOne.add(d);
            if (d.accepted()) {
                acceptedOne++;
                one = d.applyTo(one);
                left.computeIfPresent(r.team(), (team, q) -> q.plusUsed(
                        TeamUsage.of(team, d.placed()).plus(TeamUsage.NONE.plusClusters(1))));
            }
        }
        if (requests.size() < 2) {
            return new Choice(oneByOne, false, acceptedOne, hostsInUse(one), acceptedOne, hostsInUse(one));
        }
        BatchResult batch = ENGINE.placeBatch(state, requests, quotas, options);
        int hostsAll = hostsInUse(batch.combined().applyTo(state));
        int hostsOne = hostsInUse(one);
        boolean keepBatch = batch.accepted() >= acceptedOne && hostsAll <= hostsOne;
        return new Choice(keepBatch ? batch.decisions() : oneByOne, keepBatch, acceptedOne, hostsOne,
                batch.accepted(), hostsAll);
    }

    /** Hosts holding at least one allocation. */
    public static int hostsInUse(SiteState state) {
        int n = 0;
        for (int h = 0; h < state.hostCount(); h++) {
            n += state.host(h).holderCount() > 0 ? 1 : 0;
        }
        return n;
    }
}
