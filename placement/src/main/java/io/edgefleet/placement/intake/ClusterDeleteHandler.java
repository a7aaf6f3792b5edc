package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Decides a cluster deletion: releases its allocations; the next plan no longer has its microVMs. */
@ApplicationScoped
class ClusterDeleteHandler {
    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    ClusterStore clusters;

    @Inject
    AllocationStore allocations;

    Outcome handle(Batch batch, ClusterDeleteRequested request) throws SQLException {
        Optional<ClusterRow> found = clusters.find(batch.tx(), request.clusterId());
        if (found.isEmpty() || found.get().status() == ClusterStatus.DELETED) {
            return Outcome.reject("UNKNOWN_CLUSTER", "cluster " + request.clusterId() + " does not exist");
        }
        ClusterRow cluster = found.get();
        if (!cluster.team().equals(request.team())) {
            return Outcome.reject("NOT_OWNER", "cluster " + request.clusterId() + " belongs to team "
                    + cluster.team() + ", not " + request.team(), List.of("$.team"));
        }
        if (!cluster.siteId().equals(request.siteId())) {
            return Outcome.reject("WRONG_SITE", "cluster " + request.clusterId() + " runs on site "
                    + cluster.siteId() + ", not " + request.siteId(), List.of("$.siteId"));
        }
        Optional<SiteWork> site = batch.site(cluster.siteId());
        if (site.isPresent()) {
            Decision decision = engine.deleteCluster(site.get().state(), cluster.clusterId());
            allocations.delete(batch.tx(), decision.released());
            site.get().apply(decision);
        }
        clusters.updateStatus(batch.tx(), cluster.clusterId(), ClusterStatus.DELETED, request.reason());
        batch.emit(new ClusterStatusChanged(cluster.clusterId(), cluster.team(), cluster.siteId(),
                ClusterStatus.DELETED, request.reason(), List.of(), null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return Outcome.accept();
    }
}
