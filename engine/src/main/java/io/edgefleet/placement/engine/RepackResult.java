package io.edgefleet.placement.engine;

import java.util.List;

/**
 * Outcome of a repack.
 *
 * <p>Every allocation in {@code decision.placed()} is the new side of a make-before-break move
 * (its holder id is also in {@code decision.released()}). Moves only leave the emptied hosts and
 * only land on hosts that stay in use, and each receiving host has room for its incoming
 * holders while the old ones still run; so the moves can run in any order, all at once.
 *
 * @param decision         the moves; accepted, possibly empty
 * @param emptiedHosts     hosts that hold nothing once the moves are done, in site order
 * @param keptHosts        every other host in use, with the reason it stays in use
 * @param hostsInUseBefore hosts holding at least one allocation before
 * @param hostsInUseAfter  hosts holding at least one allocation after
 * @param budgetExhausted  true when the time budget cut the search short (the result is valid
 *                         but may differ from a run with more time)
 */
public record RepackResult(Decision decision, List<String> emptiedHosts, List<KeptHost> keptHosts,
                           int hostsInUseBefore, int hostsInUseAfter, boolean budgetExhausted) {

    public RepackResult {
        emptiedHosts = List.copyOf(emptiedHosts);
        keptHosts = List.copyOf(keptHosts);
    }

    /** Number of holders moved. */
    public int moves() {
        return decision.moves().size();
    }
}
