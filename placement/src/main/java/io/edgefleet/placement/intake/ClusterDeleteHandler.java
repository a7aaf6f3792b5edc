package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Decides a cluster deletion: releases its allocations; the next plan no longer has its microVMs. */
@ApplicationScoped
class ClusterDeleteHandler {
    @Inject
    ClusterStore clusters;
    @Inject
    ClusterRemoval removal;

    Outcome handle(Batch batch, ClusterDeleteRequested request) throws SQLException {
        Optional<ClusterRow> found = batch.cluster(clusters, request.clusterId());
        if (found.isEmpty() || !ClusterRemoval.LIVE.contains(found.get().status())) {
            return Outcome.reject("UNKNOWN_CLUSTER", "cluster " + request.clusterId() + " does not exist"
                    + found.map(c -> " any more (it is " + c.status() + ")").orElse(""));
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
        removal.remove(batch, cluster, ClusterStatus.DELETED, request.reason());
        return Outcome.accept();
    }
}
