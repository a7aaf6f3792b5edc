package io.edgefleet.placement.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Chooses which hosts to empty. Each restart walks the candidate hosts in one order and
 * empties every host whose holders all find room on the hosts still in use (a greedy pass:
 * emptying a host only ever takes room away, so a host that fails once stays failed in that
 * pass). Restart 0 takes the cheapest hosts first (fewest holders, then least memory to move),
 * restart 1 the lightest first, the others a seeded shuffle of the cheap-first order. The best
 * plan frees the most hosts, then makes the fewest moves, then moves the least memory.
 */
final class RepackSearch {

    private final RepackProblem p;
    private final long deadline;
    private boolean exhausted;

    RepackSearch(RepackProblem p, long deadlineNanos) {
        this.p = p;
        this.deadline = deadlineNanos;
    }

    /** True when the budget ended the search before its restarts were done. */
    boolean exhausted() {
        return exhausted;
    }

    EvacuationPlan run() {
        List<Integer> cands = new ArrayList<>();
        for (int h = 0; h < p.hosts; h++) {
            if (p.candidate[h]) {
                cands.add(h);
            }
        }
        Random rnd = new Random(p.options.seed());
        EvacuationPlan best = new EvacuationPlan(p);
        for (int r = 0; r < p.options.restarts() && !cands.isEmpty(); r++) {
            if (System.nanoTime() > deadline) {
                exhausted = true;
                break;
            }
            EvacuationPlan plan = pass(order(cands, r, rnd));
            if (plan.betterThan(best)) {
                best = plan;
            }
            if (best.emptiedCount() == cands.size()) {
                break; // every candidate is empty: nothing left to gain
            }
        }
        return best;
    }

    private EvacuationPlan pass(List<Integer> order) {
        EvacuationPlan plan = new EvacuationPlan(p);
        for (int h : order) {
            if (System.nanoTime() > deadline) {
                exhausted = true;
                break;
            }
            plan.empty(h);
        }
        return plan;
    }

    /** Fewest holders first, then least memory to move, then site order. */
    static Comparator<Integer> cheapFirst(RepackProblem p) {
        return Comparator.comparingInt((Integer h) -> p.on[h].size())
                .thenComparingDouble(p::weight).thenComparingInt(h -> h);
    }

    private List<Integer> order(List<Integer> cands, int restart, Random rnd) {
        List<Integer> o = new ArrayList<>(cands);
        Comparator<Integer> light = Comparator.comparingDouble((Integer h) -> p.weight(h))
                .thenComparingInt(h -> h);
        o.sort(restart == 1 ? light : cheapFirst(p));
        if (restart >= 2) {
            // Perturb the cheap-first order rather than shuffle it outright: the cheap hosts are
            // still the likely ones to empty under a move cap; the noise explores which of them.
            double[] key = new double[p.hosts];
            for (int i = 0; i < o.size(); i++) {
                key[o.get(i)] = i + rnd.nextDouble() * (1 + restart % 4) * 2;
            }
            o.sort(Comparator.comparingDouble(h -> key[h]));
        }
        return o;
    }
}
