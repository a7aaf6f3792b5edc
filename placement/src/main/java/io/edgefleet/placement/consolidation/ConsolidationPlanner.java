package io.edgefleet.placement.consolidation;

import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.RepackOptions;
import io.edgefleet.placement.engine.RepackResult;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How placement plans a site's consolidation: the engine's repacker with the service's options.
 * Pure (no framework, no database), so the density bench runs the very same policy.
 *
 * <p>Network-function replicas do not move: a replica restart interrupts user-plane traffic, and
 * they live on their cluster's bare-metal hosts, which stay put anyway. Moves are ordered by holder
 * id, so a plan reads the same every time and a dry run's moves are applied in the order shown.
 */
public final class ConsolidationPlanner {

    /** Moves a consolidation makes when the operator names no cap. */
    public static final int DEFAULT_MAX_MOVES = 16;
    /** The contract's upper bound of a requested cap. */
    public static final int MAX_MOVES = 1000;
    /** The repacker's budget per plan unless configured (edgefleet.placement.consolidation.budget). */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    private final PlacementEngine engine = new PlacementEngine();
    private final Duration budget;

    /** @param budget the repacker's time budget per plan */
    public ConsolidationPlanner(Duration budget) {
        this.budget = budget;
    }

    /** The plan for {@code state}, with at most {@code maxMoves} moves (null: the default). */
    public Plan plan(SiteState state, Integer maxMoves) {
        int cap = maxMoves == null ? DEFAULT_MAX_MOVES : Math.max(0, Math.min(MAX_MOVES, maxMoves));
        // Fixed seed and a restart bound: the same site gives the same plan unless the budget runs out.
        RepackOptions options = new RepackOptions(cap, 8, false, budget, 32, 0);
        RepackResult result = engine.repackSite(state, options);
        List<PlannedMove> moves = new ArrayList<>();
        for (Allocation to : result.decision().moves()) {
            moves.add(PlannedMove.of(state.allocation(to.holderId()), to));
        }
        moves.sort(Comparator.comparing(PlannedMove::holderId));
        return new Plan(moves, result.emptiedHosts(), result.hostsInUseBefore(), result.hostsInUseAfter());
    }

    /**
     * A consolidation plan.
     *
     * @param moves            the moves, in start order
     * @param hostsToFree      hosts the moves empty
     * @param hostsInUseBefore hosts holding something now
     * @param hostsInUseAfter  hosts holding something once every move is done
     */
    public record Plan(List<PlannedMove> moves, List<String> hostsToFree, int hostsInUseBefore,
                       int hostsInUseAfter) {
        public Plan {
            moves = List.copyOf(moves);
            hostsToFree = List.copyOf(hostsToFree);
        }
    }
}
