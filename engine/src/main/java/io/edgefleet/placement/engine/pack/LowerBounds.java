package io.edgefleet.placement.engine.pack;

/** Cheap lower bounds on the number of bins; used to stop the search once it is optimal. */
final class LowerBounds {

    private LowerBounds() {
    }

    /**
     * The larger of (a) the continuous bound max_j ceil(sum of sizes / capacity) and (b) the
     * count of items bigger than half a bin in one dimension (no two of them share a bin).
     */
    static int of(PackingProblem p) {
        int best = p.size() == 0 ? 0 : 1;
        for (int j = 0; j < p.dimensions(); j++) {
            long sum = 0;
            int big = 0;
            long cap = p.capacity()[j];
            for (long[] item : p.items()) {
                sum += item[j];
                if (2 * item[j] > cap) {
                    big++;
                }
            }
            best = Math.max(best, (int) ((sum + cap - 1) / cap));
            best = Math.max(best, big);
        }
        return best;
    }
}
