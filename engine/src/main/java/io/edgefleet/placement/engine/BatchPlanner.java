package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Host;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Places a burst of cluster requests. Several orders are decided in full (arrival; whole hosts
 * first, then largest; largest; widest control plane first), the best is kept, then a seeded
 * search changes the order (a rejected request moved earlier, or two requests swapped) and keeps
 * every change that is no worse. Arrival order is one of the candidates, so the batch never
 * accepts fewer requests than one-by-one placement would.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    static BatchResult place(SiteState state, List<ClusterRequest> reqs, Map<String, TeamQuota> quotas,
                             BatchOptions o) {
        long deadline = System.nanoTime() + o.budget().toNanos();
        Decision[] fixed = new Decision[reqs.size()];
        List<Integer> live = new ArrayList<>();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < reqs.size(); i++) {
            Integer prev = first.putIfAbsent(reqs.get(i).clusterId(), i);
            if (prev != null) {
                fixed[i] = Decision.rejected(RejectionCode.INVALID_REQUEST, "cluster "
                        + reqs.get(i).clusterId() + " appears twice in the batch (first at position "
                        + prev + ")");
            } else {
                live.add(i);
            }
        }
        Map<String, TeamQuota> q = quotas == null ? Map.of() : quotas;
        BatchRun arrival = new BatchRun(reqs, q, toArray(live), state);
        BatchRun best = arrival;
        boolean exhausted = false;
        double[] volume = volumes(state, reqs);
        List<Comparator<Integer>> orders = List.of(
                Comparator.comparingInt((Integer i) -> -bareMetal(reqs.get(i)))
                        .thenComparingDouble(i -> -volume[i]),
                Comparator.comparingDouble((Integer i) -> -volume[i]),
                Comparator.comparingInt((Integer i) -> -reqs.get(i).controlPlaneReplicas())
                        .thenComparingDouble(i -> -volume[i]));
        for (Comparator<Integer> c : orders) {
            List<Integer> sorted = new ArrayList<>(live);
            sorted.sort(c.thenComparingInt(i -> i));
            BatchRun run = new BatchRun(reqs, q, toArray(sorted), state);
            if (run.betterThan(best)) {
                best = run;
            }
        }
        Random rnd = new Random(o.seed());
        int n = live.size();
        for (int it = 0; it < o.iterations() && n > 1 && best.accepted < n; it++) {
            if (System.nanoTime() > deadline) {
                exhausted = true;
                break;
            }
            int[] next = best.order.clone();
            int changedFrom = neighbour(best, next, rnd);
            BatchRun run = new BatchRun(best, next, changedFrom);
            if (!best.betterThan(run)) {
                best = run; // sideways moves too: they walk across plateaus of equal score
            }
        }
        List<Decision> out = new ArrayList<>(Arrays.asList(fixed));
        for (int i : live) {
            out.set(i, best.decisions[i]);
        }
        List<Integer> order = new ArrayList<>(best.decidedOrder());
        for (int i = 0; i < fixed.length; i++) {
            if (fixed[i] != null) {
                order.add(i);
            }
        }
        return new BatchResult(out, order, arrival.accepted, exhausted);
    }

    /** Changes {@code order} in place; returns the first position that changed. */
    private static int neighbour(BatchRun best, int[] order, Random rnd) {
        int n = order.length;
        List<Integer> rejectedAt = new ArrayList<>();
        for (int p = 1; p < n; p++) {
            if (!best.decisions[order[p]].accepted()) {
                rejectedAt.add(p);
            }
        }
        if (!rejectedAt.isEmpty() && rnd.nextBoolean()) {
            // a rejected request goes earlier, ahead of what took its room
            int from = rejectedAt.get(rnd.nextInt(rejectedAt.size()));
            int to = rnd.nextInt(from);
            int moving = order[from];
            System.arraycopy(order, to, order, to + 1, from - to);
            order[to] = moving;
            return to;
        }
        int a = rnd.nextInt(n);
        int b = rnd.nextInt(n - 1);
        b = b >= a ? b + 1 : b;
        int tmp = order[a];
        order[a] = order[b];
        order[b] = tmp;
        return Math.min(a, b);
    }

    private static int bareMetal(ClusterRequest r) {
        return r.workers().mode() == Workers.Mode.BARE_METAL ? r.workers().count() : 0;
    }

    /**
     * Size of a request relative to the site's largest host: vCPU and memory of its microVMs,
     * plus one whole host per bare-metal worker.
     */
    private static double[] volumes(SiteState state, List<ClusterRequest> reqs) {
        double vcpu = 1;
        double mem = 1;
        for (int h = 0; h < state.hostCount(); h++) {
            Host host = state.host(h).host();
            vcpu = Math.max(vcpu, host.totalCores() * host.cpuAllocationRatio());
            mem = Math.max(mem, host.totalMemoryMib());
        }
        double[] v = new double[reqs.size()];
        for (int i = 0; i < v.length; i++) {
            ClusterRequest r = reqs.get(i);
            MicroVmSize cp = r.controlPlane();
            double x = r.controlPlaneReplicas() * (cp.vcpu() / vcpu + cp.memoryMib() / mem);
            Workers w = r.workers();
            x += w.mode() == Workers.Mode.BARE_METAL ? 2.0 * w.count()
                    : w.count() * (w.size().vcpu() / vcpu + w.size().memoryMib() / mem);
            v[i] = x;
        }
        return v;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
