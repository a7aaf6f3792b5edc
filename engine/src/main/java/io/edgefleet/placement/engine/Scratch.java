package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Working copy of a site's host ledgers while one decision is computed. The {@link SiteState}
 * it starts from is never changed; the decision is what accumulates here.
 */
final class Scratch {

    final SiteState state;
    final HostLedger[] ledgers;
    final List<Allocation> placed = new ArrayList<>();
    final List<Allocation> released = new ArrayList<>();

    Scratch(SiteState state) {
        this.state = state;
        this.ledgers = state.ledgers();
    }

    String siteId() {
        return state.site().id();
    }

    int hosts() {
        return ledgers.length;
    }

    void place(Allocation a) {
        int i = state.indexOf(a.hostId());
        ledgers[i] = ledgers[i].with(a);
        placed.add(a);
    }

    void release(Allocation a) {
        int i = state.indexOf(a.hostId());
        ledgers[i] = ledgers[i].without(a);
        released.add(a);
    }

    /** Net change of {@code team}'s usage by this decision (moves cancel out). */
    TeamUsage delta(String team) {
        TeamUsage d = TeamUsage.NONE;
        for (Allocation a : placed) {
            if (a.team().equals(team)) {
                d = d.plus(a, 1);
            }
        }
        for (Allocation a : released) {
            if (a.team().equals(team)) {
                d = d.plus(a, -1);
            }
        }
        return d;
    }

    Decision decision() {
        return Decision.of(placed, released);
    }
}
