package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.quota.TeamQuotas;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.NetworkFunctionStore;
import io.edgefleet.placement.store.RetiringStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Ends a cluster (deleted on request, expired, or failed): releases everything it and its
 * network functions hold, so the next plan no longer has them, and announces the new status.
 */
@ApplicationScoped
public class ClusterRemoval {
    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    ClusterStore clusters;
    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    RetiringStore retiring;
    @Inject
    DecisionWriter writer;
    @Inject
    TeamQuotas quotas;

    /** Returns false when the cluster had already ended (nothing done, nothing announced). */
    public boolean remove(Batch batch, ClusterRow cluster, ClusterStatus to, String reason) throws SQLException {
        PendingWrites pending = batch.pending();
        boolean moved = pending != null ? pending.transitionCluster(cluster.clusterId(), LIVE, to, reason)
                : clusters.transition(batch.tx(), cluster.clusterId(), LIVE, to, reason);
        if (!moved) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<SiteWork> site = batch.site(cluster.siteId());
        if (site.isPresent()) {
            List<NetworkFunctionRow> live = pending != null ? List.copyOf(pending.liveNetworkFunctions(cluster.siteId()))
                    : networkFunctions.liveOnSite(batch.tx(), cluster.siteId());
            for (NetworkFunctionRow nf : live) {
                if (nf.clusterId().equals(cluster.clusterId())) {
                    Decision released = engine.deleteNetworkFunction(site.get().state(), nf.nfId());
                    writer.write(batch, site.get(), released, false);
                    quotas.took(batch, released);
                    String why = "its cluster " + cluster.clusterId() + " ended: " + (reason == null ? to : reason);
                    networkFunctions.updateStatus(batch.tx(), nf.nfId(), NetworkFunctionStatus.DELETED, why);
                    if (pending != null) {
                        pending.networkFunctionChanged(nf.nfId(), nf.siteId());
                    }
                    batch.emit(new NetworkFunctionStatusChanged(nf.nfId(), nf.clusterId(), nf.team(), nf.siteId(),
                            NetworkFunctionStatus.DELETED, why, List.of(), now));
                }
            }
            Decision decision = engine.deleteCluster(site.get().state(), cluster.clusterId());
            writer.write(batch, site.get(), decision, false);
            quotas.took(batch, decision);
            site.get().markPlanChanged();
            site.get().clusterEnded(cluster.clusterId());
        }
        quotas.clusters(batch, cluster.team(), -1); // later requests of this batch may use its room
        if (pending != null) {
            pending.deleteRetiringForCluster(cluster.clusterId());
        } else {
            retiring.deleteForCluster(batch.tx(), cluster.clusterId());
        }
        batch.emit(new ClusterStatusChanged(cluster.clusterId(), cluster.team(), cluster.siteId(), to, reason,
                List.of(), null, now));
        return true;
    }

    /** States in which a cluster still exists and holds resources. */
    static final List<ClusterStatus> LIVE = List.of(ClusterStatus.REQUESTED, ClusterStatus.PLACED,
            ClusterStatus.PROVISIONING, ClusterStatus.READY, ClusterStatus.SCALING, ClusterStatus.DELETING);
}
