package io.edgefleet.placement.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one {@link PlacementEngine#repackSite repack}.
 *
 * @param maxMoves             most holders the repack may move in total (each move is a
 *                             microVM migration or an NF replica restart, so operators cap it)
 * @param maxMovesPerHost      a host holding more than this is not worth emptying
 * @param moveNetworkFunctions whether NF replicas may move (to one NUMA node of another host);
 *                             when false, a host running one stays in use
 * @param budget               wall-clock budget; the search stops early when it is spent
 * @param restarts             greedy restarts with shuffled host orders; bounds the work, so a
 *                             repack that ends before its budget depends on the seed alone
 * @param seed                 seed of the shuffles
 */
public record RepackOptions(int maxMoves, int maxMovesPerHost, boolean moveNetworkFunctions,
                            Duration budget, int restarts, long seed) {

    public RepackOptions {
        Objects.requireNonNull(budget, "budget");
        if (maxMoves < 0 || maxMovesPerHost < 0 || restarts < 1 || budget.isNegative()) {
            throw new IllegalArgumentException("repack needs maxMoves >= 0, maxMovesPerHost >= 0,"
                    + " restarts >= 1 and a non-negative budget");
        }
    }

    /** 16 moves, at most 8 per host, NF replicas may move, 100 ms, 32 restarts, seed 0. */
    public static RepackOptions defaults() {
        return new RepackOptions(16, 8, true, Duration.ofMillis(100), 32, 0);
    }

    /** These options with another move cap. */
    public RepackOptions withMaxMoves(int moves) {
        return new RepackOptions(moves, maxMovesPerHost, moveNetworkFunctions, budget, restarts, seed);
    }

    /** These options with another seed. */
    public RepackOptions withSeed(long newSeed) {
        return new RepackOptions(maxMoves, maxMovesPerHost, moveNetworkFunctions, budget, restarts, newSeed);
    }
}
