package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/** Decides a cluster deletion: releases its allocations; the next plan no longer has its microVMs. */
@ApplicationScoped
class ClusterDeleteHandler {
    @Inject
    ClusterStore clusters;
    @Inject
    ClusterRemoval removal;

    Outcome handle(Batch batch, ClusterDeleteRequested request) throws SQLException {
        OwnedCluster owned = OwnedCluster.check(batch.cluster(clusters, request.clusterId()), request.clusterId(),
                request.team(), request.siteId());
        if (owned.refused()) {
            return owned.refusal();
        }
        ClusterRow cluster = owned.cluster();
        removal.remove(batch, cluster, ClusterStatus.DELETED, request.reason());
        return Outcome.accept();
    }
}
