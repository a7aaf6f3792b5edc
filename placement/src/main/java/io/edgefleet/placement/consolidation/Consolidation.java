package io.edgefleet.placement.consolidation;

import io.edgefleet.events.outcome.ConsolidationMove;
import io.edgefleet.events.outcome.ConsolidationState;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One consolidation of a site as placement keeps it (table {@code site_consolidation}), and the
 * event that says where it stands.
 *
 * @param requestId        the request that started it: a dry run's id, or an APPLY's without plan id
 * @param siteId           the site
 * @param state            where it stands
 * @param moves            the moves in start order, each with its phase
 * @param hostsToFree      hosts the moves empty
 * @param hostsFreed       hosts found empty once it ended
 * @param hostsInUseBefore hosts holding something when it was planned
 * @param hostsInUseAfter  hosts holding something once every move is done
 * @param reason           why it ended or was refused, or null
 */
public record Consolidation(String requestId, String siteId, ConsolidationState state, List<PlannedMove> moves,
                            List<String> hostsToFree, List<String> hostsFreed, int hostsInUseBefore,
                            int hostsInUseAfter, String reason) {

    public Consolidation {
        moves = List.copyOf(moves);
        hostsToFree = List.copyOf(hostsToFree);
        hostsFreed = List.copyOf(hostsFreed);
    }

    /** A fresh plan in {@code state}. */
    static Consolidation planned(String requestId, String siteId, ConsolidationState state,
                                 ConsolidationPlanner.Plan plan) {
        return new Consolidation(requestId, siteId, state, plan.moves(), plan.hostsToFree(), List.of(),
                plan.hostsInUseBefore(), plan.hostsInUseAfter(), null);
    }

    Consolidation with(ConsolidationState next, List<PlannedMove> nextMoves, List<String> freed, String why) {
        return new Consolidation(requestId, siteId, next, nextMoves, hostsToFree, freed, hostsInUseBefore,
                hostsInUseAfter, why);
    }

    /** Moves in {@code phase}. */
    long count(PlannedMove.Phase phase) {
        return moves.stream().filter(m -> m.phase() == phase).count();
    }

    /** The full current state as the contract's event. */
    SiteConsolidationChanged event() {
        List<ConsolidationMove> out = new ArrayList<>(moves.size());
        for (PlannedMove m : moves) {
            out.add(new ConsolidationMove(m.holderId(), m.ownerId(), m.fromHostId(), m.toHostId(),
                    m.phase() == PlannedMove.Phase.DONE));
        }
        return new SiteConsolidationChanged(siteId, requestId, state, out, hostsToFree, hostsFreed,
                hostsInUseBefore, hostsInUseAfter, reason, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
