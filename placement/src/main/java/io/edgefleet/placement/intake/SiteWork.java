package io.edgefleet.placement.intake;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.store.AllocationDetail;
import io.edgefleet.placement.store.SiteSnapshot;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One site's state during a batch: read once, then advanced by every decision of the batch, so a
 * burst of requests for one site is decided against the running total, not a stale read.
 */
public final class SiteWork {
    private final SiteSnapshot snapshot;
    private SiteState state;
    private final Map<String, AllocationDetail> details;
    private final Set<String> touchedHosts = new LinkedHashSet<>();
    private boolean planChanged;
    /** How many decisions and plan-only changes this batch applied to the site. */
    private int changes;

    SiteWork(SiteSnapshot snapshot) {
        this.snapshot = snapshot;
        this.state = SiteState.of(snapshot.site(), snapshot.allocations());
        this.details = new HashMap<>(snapshot.details());
    }

    SiteSnapshot snapshot() {
        return snapshot;
    }

    public SiteState state() {
        return state;
    }

    public String siteId() {
        return snapshot.site().id();
    }

    /** Details (microVM id, pinned cores, attempts) of the allocations held now, by holder id. */
    public Map<String, AllocationDetail> details() {
        return details;
    }

    /** Advances the in-memory state; the caller persists the same decision in the transaction. */
    void apply(Decision decision, Map<String, AllocationDetail> placedDetails) {
        state = decision.applyTo(state);
        decision.released().forEach(a -> details.remove(a.holderId()));
        details.putAll(placedDetails);
        decision.placed().stream().map(Allocation::hostId).forEach(touchedHosts::add);
        decision.released().stream().map(Allocation::hostId).forEach(touchedHosts::add);
        planChanged = true;
        changes++;
    }

    /** The plan changes without a change of allocations (e.g. a retiring microVM leaves it). */
    public void markPlanChanged() {
        planChanged = true;
        changes++;
    }

    int changes() {
        return changes;
    }

    Set<String> touchedHosts() {
        return touchedHosts;
    }

    boolean planChanged() {
        return planChanged;
    }
}
