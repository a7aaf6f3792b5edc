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

    private Scratch(Scratch o) {
        this.state = o.state;
        this.ledgers = o.ledgers.clone();
        this.placed.addAll(o.placed);
        this.released.addAll(o.released);
    }

    /** An independent copy, to try a multi-step change and drop it if it fails. */
    Scratch copy() {
        return new Scratch(this);
    }

    /** Allocations held on {@code hostId} as of this point of the decision. */
    List<Allocation> allocationsOn(String hostId) {
        List<Allocation> out = new ArrayList<>();
        for (Allocation a : state.allocationsOn(hostId)) {
            if (!released.contains(a)) {
                out.add(a);
            }
        }
        for (Allocation a : placed) {
            if (a.hostId().equals(hostId) && !released.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Allocations of {@code ownerId} as of this point of the decision. */
    List<Allocation> allocationsOf(String ownerId) {
        List<Allocation> out = new ArrayList<>();
        for (Allocation a : state.allocationsOf(ownerId)) {
            if (!released.contains(a)) {
                out.add(a);
            }
        }
        for (Allocation a : placed) {
            if (a.ownerId().equals(ownerId) && !released.contains(a)) {
                out.add(a);
            }
        }
        return out;
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
        // A holder moved back to where it was is no move at all.
        if (!released.remove(a)) {
            placed.add(a);
        }
    }

    /**
     * Takes {@code a} out of the decision: un-places it when this decision placed it (a holder
     * moved twice keeps one move, from where it was to where it ends), else releases it.
     */
    void remove(Allocation a) {
        if (placed.remove(a)) {
            int i = state.indexOf(a.hostId());
            ledgers[i] = ledgers[i].without(a);
        } else if (state.allocation(a.holderId()) != null && !released.contains(a)) {
            release(a);
        }
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
