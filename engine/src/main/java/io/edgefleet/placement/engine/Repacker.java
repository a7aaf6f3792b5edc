package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link RepackResult}: search, then a final greedy pass, then the explanations. */
final class Repacker {

    private Repacker() {
    }

    static RepackResult repack(SiteState state, RepackOptions options) {
        long deadline = System.nanoTime() + options.budget().toNanos();
        RepackProblem p = new RepackProblem(state, options);
        RepackSearch search = new RepackSearch(p, deadline);
        EvacuationPlan plan = search.run();
        // One last pass over the hosts left in use, cheapest first, on the best plan: it frees
        // any host the restarts missed, and the failure it records is the host's explanation.
        List<KeptHost> kept = new ArrayList<>();
        List<String> emptied = new ArrayList<>();
        Rejection[] why = new Rejection[p.hosts];
        List<Integer> left = new ArrayList<>();
        for (int h = 0; h < p.hosts; h++) {
            if (p.candidate[h] && !plan.emptied[h]) {
                left.add(h);
            }
        }
        left.sort(RepackSearch.cheapFirst(p));
        for (int h : left) {
            why[h] = plan.empty(h);
        }
        for (int h = 0; h < p.hosts; h++) {
            if (plan.emptied[h]) {
                emptied.add(p.hostId(h));
            } else if (p.inUse[h]) {
                kept.add(new KeptHost(p.hostId(h), p.fixed[h] != null ? p.fixed[h] : why[h]));
            }
        }
        List<Allocation> placed = new ArrayList<>();
        List<Allocation> released = new ArrayList<>();
        for (Allocation to : plan.moved.values()) {
            placed.add(to);
            released.add(state.allocation(to.holderId()));
        }
        int before = p.inUseCount();
        return new RepackResult(Decision.of(placed, released), emptied, kept, before,
                before - emptied.size(), search.exhausted());
    }
}
