package io.edgefleet.placement.engine.pack;

/**
 * A solution: the bin of every item.
 *
 * @param binOf      binOf[i] = 0-based bin of item i; bins are numbered 0..bins-1, all used
 * @param bins       number of bins used
 * @param lowerBound a proven lower bound on the optimum (bins == lowerBound means optimal)
 */
public record Packing(int[] binOf, int bins, int lowerBound) {

    /** True when the packing is proven optimal. */
    public boolean optimal() {
        return bins == lowerBound;
    }

    /**
     * Null when {@code binOf} places every item of {@code p} without exceeding any capacity
     * and uses exactly {@code bins} bins, else what is wrong.
     */
    public String violation(PackingProblem p) {
        if (binOf.length != p.size()) {
            return "packing has " + binOf.length + " items, problem " + p.size();
        }
        long[][] load = new long[bins][p.dimensions()];
        for (int i = 0; i < binOf.length; i++) {
            int b = binOf[i];
            if (b < 0 || b >= bins) {
                return "item " + i + " in bin " + b + " outside 0.." + (bins - 1);
            }
            for (int j = 0; j < p.dimensions(); j++) {
                load[b][j] += p.items()[i][j];
                if (load[b][j] > p.capacity()[j]) {
                    return "bin " + b + " exceeds dimension " + j;
                }
            }
        }
        for (int b = 0; b < bins; b++) {
            boolean used = false;
            for (int i = 0; i < binOf.length && !used; i++) {
                used = binOf[i] == b;
            }
            if (!used) {
                return "bin " + b + " is empty";
            }
        }
        return null;
    }
}
