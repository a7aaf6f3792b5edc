package io.edgefleet.placement.engine.pack;

import java.util.HashMap;
import java.util.Map;

/**
 * The engine's batch packer: packs many items into as few identical bins as it can within a
 * time budget. Greedy packings (several orderings, first/best fit, dot product) give a start;
 * a bin-elimination search then removes one bin at a time until the lower bound or the deadline.
 * Deterministic for a given seed, except that a shorter deadline can stop it earlier.
 */
public final class VectorPacker {

    private final long timeLimitNanos;
    private final long seed;

    /**
     * @param timeLimitMillis budget of one {@link #pack} call
     * @param seed            seed of the search's random choices
     */
    public VectorPacker(long timeLimitMillis, long seed) {
        this.timeLimitNanos = timeLimitMillis * 1_000_000L;
        this.seed = seed;
    }

    /** Packs every item of {@code p}; never exceeds a capacity. */
    public Packing pack(PackingProblem p) {
        // Keep a tenth of the budget back: the deadline is only polled between search steps and
        // a loaded machine stretches the last step.
        long deadline = System.nanoTime() + timeLimitNanos * 9 / 10;
        int lb = LowerBounds.of(p);
        if (p.size() == 0) {
            return new Packing(new int[0], 0, 0);
        }
        int[] best = null;
        int bins = Integer.MAX_VALUE;
        for (int[] candidate : new Constructive(p).all()) {
            int b = Constructive.bins(candidate);
            if (b < bins) {
                bins = b;
                best = candidate;
            }
        }
        BinEliminationSearch search = new BinEliminationSearch(p, seed, deadline);
        while (bins > lb && System.nanoTime() < deadline) {
            int[] fewer = search.tryPack(best, bins - 1);
            if (fewer == null) {
                break;
            }
            best = fewer;
            bins--;
        }
        return new Packing(compact(best), bins, lb);
    }

    /** Renumbers bins 0..k-1 in order of first use, so the numbering carries no gaps. */
    private static int[] compact(int[] binOf) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] out = new int[binOf.length];
        for (int i = 0; i < binOf.length; i++) {
            out[i] = ids.computeIfAbsent(binOf[i], k -> ids.size());
        }
        return out;
    }
}
