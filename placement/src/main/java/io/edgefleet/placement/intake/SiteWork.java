package io.edgefleet.placement.intake;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.store.SiteSnapshot;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One site's state during a batch: read once, then advanced by every decision of the batch, so a
 * burst of requests for one site is decided against the running total, not a stale read.
 */
final class SiteWork {
    private final SiteSnapshot snapshot;
    private SiteState state;
    private final Set<String> touchedHosts = new LinkedHashSet<>();
    private boolean planChanged;

    SiteWork(SiteSnapshot snapshot) {
        this.snapshot = snapshot;
        this.state = SiteState.of(snapshot.site(), snapshot.allocations());
    }

    SiteSnapshot snapshot() {
        return snapshot;
    }

    SiteState state() {
        return state;
    }

    String siteId() {
        return snapshot.site().id();
    }

    /** Advances the in-memory state; the caller persists the same decision in the transaction. */
    void apply(Decision decision) {
        state = decision.applyTo(state);
        decision.placed().stream().map(Allocation::hostId).forEach(touchedHosts::add);
        decision.released().stream().map(Allocation::hostId).forEach(touchedHosts::add);
        planChanged = true;
    }

    Set<String> touchedHosts() {
        return touchedHosts;
    }

    boolean planChanged() {
        return planChanged;
    }
}
