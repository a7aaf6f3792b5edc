package io.edgefleet.placement.intake;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.store.AllocationDetail;
import io.edgefleet.placement.store.LiveCluster;
import io.edgefleet.placement.store.SiteSnapshot;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One site's state during a batch: read once, then advanced by every decision of the batch, so a
 * burst of requests for one site is decided against the running total, not a stale read.
 */
public final class SiteWork {
    private final SiteSnapshot snapshot;
    private SiteState state;
    private final Map<String, AllocationDetail> details;
    private final Set<String> touchedHosts = new LinkedHashSet<>();
    /** The live clusters as this batch leaves them, by id; null when the snapshot did not know them. */
    private final TreeMap<String, LiveCluster> liveClusters;
    private boolean planChanged;
    /** How many decisions and plan-only changes this batch applied to the site. */
    private int changes;

    SiteWork(SiteSnapshot snapshot) {
        this.snapshot = snapshot;
        this.state = SiteState.of(snapshot.site(), snapshot.allocations());
        this.details = new HashMap<>(snapshot.details());
        if (snapshot.liveClusters() == null) {
            this.liveClusters = null;
        } else {
            this.liveClusters = new TreeMap<>();
            snapshot.liveClusters().forEach(c -> liveClusters.put(c.clusterId(), c));
        }
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

    /**
     * A cluster now lives on this site. With {@link #clusterEnded}, the only two ways its set of
     * live clusters changes; both come with a plan change.
     */
    void clusterStarted(LiveCluster cluster) {
        if (liveClusters != null) {
            liveClusters.put(cluster.clusterId(), cluster);
        }
    }

    void clusterEnded(String clusterId) {
        if (liveClusters != null) {
            liveClusters.remove(clusterId);
        }
    }

    /** The site's live clusters in id order as this batch leaves them, if its snapshot knew them. */
    Optional<List<LiveCluster>> liveClusters() {
        return liveClusters == null ? Optional.empty() : Optional.of(List.copyOf(liveClusters.values()));
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
