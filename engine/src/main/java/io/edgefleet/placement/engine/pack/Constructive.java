package io.edgefleet.placement.engine.pack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy packings, each good on some instance classes and bad on others; the packer runs them
 * all and keeps the best as the start of its improvement search.
 */
final class Constructive {

    private final PackingProblem p;
    private final double[][] w;   // sizes normalised by capacity
    private final double[] scarcity; // total normalised demand per dimension

    Constructive(PackingProblem p) {
        this.p = p;
        int d = p.dimensions();
        w = new double[p.size()][d];
        scarcity = new double[d];
        for (int i = 0; i < p.size(); i++) {
            for (int j = 0; j < d; j++) {
                w[i][j] = p.items()[i][j] / (double) p.capacity()[j];
                scarcity[j] += w[i][j];
            }
        }
    }

    double[][] normalised() {
        return w;
    }

    /** All the greedy packings, as bin-of-item arrays. */
    List<int[]> all() {
        List<int[]> out = new ArrayList<>();
        for (int key = 0; key < 4; key++) {
            Integer[] order = order(key);
            out.add(anyFit(order, false));
            out.add(anyFit(order, true));
        }
        out.add(dotProduct(false));
        out.add(dotProduct(true));
        return out;
    }

    /** Items by decreasing size, size measured by sum, max, L2 or scarcity-weighted sum. */
    private Integer[] order(int key) {
        double[] size = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            double s = 0;
            for (int j = 0; j < p.dimensions(); j++) {
                double x = w[i][j];
                s = switch (key) {
                    case 0 -> s + x;
                    case 1 -> Math.max(s, x);
                    case 2 -> s + x * x;
                    default -> s + x * scarcity[j];
                };
            }
            size[i] = s;
        }
        Integer[] order = new Integer[p.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(size[b], size[a]));
        return order;
    }

    /** First fit (bestFit = false) or best fit on the tightest residual sum (true). */
    private int[] anyFit(Integer[] order, boolean bestFit) {
        int d = p.dimensions();
        long[][] load = new long[p.size()][d];
        int[] binOf = new int[p.size()];
        int bins = 0;
        for (int i : order) {
            int chosen = -1;
            double bestSlack = Double.MAX_VALUE;
            for (int b = 0; b < bins; b++) {
                if (fits(load[b], i)) {
                    if (!bestFit) {
                        chosen = b;
                        break;
                    }
                    double slack = 0;
                    for (int j = 0; j < d; j++) {
                        slack += (p.capacity()[j] - load[b][j] - p.items()[i][j]) / (double) p.capacity()[j];
                    }
                    if (slack < bestSlack) {
                        bestSlack = slack;
                        chosen = b;
                    }
                }
            }
            if (chosen < 0) {
                chosen = bins++;
            }
            add(load[chosen], i);
            binOf[i] = chosen;
        }
        return binOf;
    }

    /**
     * Bin-centric: fill one bin at a time with the item whose size vector best matches the
     * bin's residual capacity (largest dot product), optionally weighting scarce dimensions.
     */
    private int[] dotProduct(boolean weighted) {
        int n = p.size();
        int d = p.dimensions();
        int[] binOf = new int[n];
        boolean[] done = new boolean[n];
        int left = n;
        int bin = 0;
        while (left > 0) {
            long[] load = new long[d];
            while (true) {
                int best = -1;
                double bestDot = -1;
                for (int i = 0; i < n; i++) {
                    if (done[i] || !fits(load, i)) {
                        continue;
                    }
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        double residual = 1.0 - load[j] / (double) p.capacity()[j];
                        dot += w[i][j] * residual * (weighted ? scarcity[j] : 1.0);
                    }
                    if (dot > bestDot) {
                        bestDot = dot;
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                done[best] = true;
                left--;
                binOf[best] = bin;
                add(load, best);
            }
            bin++;
        }
        return binOf;
    }

    private boolean fits(long[] load, int i) {
        long[] item = p.items()[i];
        long[] cap = p.capacity();
        for (int j = 0; j < item.length; j++) {
            if (load[j] + item[j] > cap[j]) {
                return false;
            }
        }
        return true;
    }

    private void add(long[] load, int i) {
        long[] item = p.items()[i];
        for (int j = 0; j < item.length; j++) {
            load[j] += item[j];
        }
    }

    static int bins(int[] binOf) {
        int max = -1;
        for (int b : binOf) {
            max = Math.max(max, b);
        }
        return max + 1;
    }
}
