package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of a batch decided one after another in one order, then the rejected ones once
 * more on the final site (a greedy choice made early can leave room that a rejected request
 * finds later). Keeps the site and the teams' batch usage before every position, so a changed
 * order is re-decided only from the first position it changes.
 */
final class BatchRun {

    private final List<ClusterRequest> reqs;
    private final Map<String, TeamQuota> quotas;
    final int[] order;
    private final SiteState[] before;
    private final List<Map<String, TeamUsage>> usedBefore;
    private final Decision[] firstPass; // by position
    final Decision[] decisions;         // by request index, after the second pass
    final List<Integer> retried = new ArrayList<>();
    SiteState end;
    int accepted;
    int hostsInUse;

    BatchRun(List<ClusterRequest> reqs, Map<String, TeamQuota> quotas, int[] order, SiteState start) {
        this.reqs = reqs;
        this.quotas = quotas;
        this.order = order;
        int n = order.length;
        before = new SiteState[n + 1];
        usedBefore = new ArrayList<>(n + 1);
        firstPass = new Decision[n];
        decisions = new Decision[reqs.size()];
        before[0] = start;
        usedBefore.add(Map.of());
        decideFrom(0);
    }

    /** A run of {@code newOrder} that reuses this run's work for its first {@code same} positions. */
    BatchRun(BatchRun base, int[] newOrder, int same) {
        this.reqs = base.reqs;
        this.quotas = base.quotas;
        this.order = newOrder;
        int n = newOrder.length;
        before = new SiteState[n + 1];
        usedBefore = new ArrayList<>(base.usedBefore.subList(0, same + 1));
        firstPass = new Decision[n];
        decisions = new Decision[reqs.size()];
        System.arraycopy(base.before, 0, before, 0, same + 1);
        System.arraycopy(base.firstPass, 0, firstPass, 0, same);
        decideFrom(same);
    }

    private void decideFrom(int from) {
        for (int pos = from; pos < order.length; pos++) {
            Map<String, TeamUsage> used = usedBefore.get(pos);
            Decision d = decide(before[pos], reqs.get(order[pos]), used);
            firstPass[pos] = d;
            before[pos + 1] = d.accepted() ? d.applyTo(before[pos]) : before[pos];
            usedBefore.add(d.accepted() ? plus(used, d) : used);
        }
        SiteState s = before[order.length];
        Map<String, TeamUsage> used = usedBefore.get(order.length);
        for (int pos = 0; pos < order.length; pos++) {
            Decision d = firstPass[pos];
            if (!d.accepted()) {
                // Decided again on the final site: accepted if room is left after all, else
                // its explanation describes the site the batch leaves behind.
                Decision again = decide(s, reqs.get(order[pos]), used);
                d = again;
                if (again.accepted()) {
                    s = again.applyTo(s);
                    used = plus(used, again);
                    retried.add(order[pos]);
                }
            }
            decisions[order[pos]] = d;
            accepted += d.accepted() ? 1 : 0;
        }
        end = s;
        for (int h = 0; h < s.hostCount(); h++) {
            hostsInUse += s.host(h).holderCount() > 0 ? 1 : 0;
        }
    }

    private Decision decide(SiteState s, ClusterRequest r, Map<String, TeamUsage> used) {
        TeamQuota q = quotas.get(r.team());
        if (q != null) {
            q = new TeamQuota(q.team(), q.limit(), q.used().plus(used.getOrDefault(r.team(), TeamUsage.NONE)));
        }
        return ClusterDecisions.create(s, r, q);
    }

    private static Map<String, TeamUsage> plus(Map<String, TeamUsage> used, Decision d) {
        Map<String, TeamUsage> out = new HashMap<>(used);
        for (Allocation a : d.placed()) {
            out.merge(a.team(), TeamUsage.NONE.plus(a, 1), TeamUsage::plus);
        }
        if (!d.placed().isEmpty()) {
            // An accepted create is one more cluster of its team (every allocation is the team's).
            out.merge(d.placed().get(0).team(), TeamUsage.NONE.plusClusters(1), TeamUsage::plus);
        }
        return out;
    }

    /** Decided order: the first pass, with requests accepted only on retry moved to the end. */
    List<Integer> decidedOrder() {
        List<Integer> out = new ArrayList<>();
        for (int i : order) {
            if (!retried.contains(i)) {
                out.add(i);
            }
        }
        out.addAll(retried);
        return out;
    }

    /**
     * True when this run is better: more requests accepted, then fewer hosts in use (whole
     * hosts stay free), then the earlier arrivals accepted.
     */
    boolean betterThan(BatchRun o) {
        if (accepted != o.accepted) {
            return accepted > o.accepted;
        }
        if (hostsInUse != o.hostsInUse) {
            return hostsInUse < o.hostsInUse;
        }
        for (int i : sortedCopy(order)) {
            if (decisions[i].accepted() != o.decisions[i].accepted()) {
                return decisions[i].accepted();
            }
        }
        return false;
    }

    private static int[] sortedCopy(int[] a) {
        int[] c = a.clone();
        java.util.Arrays.sort(c);
        return c;
    }
}
