package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Announces a cluster's current status with its current placement, e.g. after a node moved. */
@ApplicationScoped
public class ClusterAnnouncer {
    @Inject
    ClusterStore clusters;

    public void announce(Batch batch, SiteWork site, String clusterId, String reason) throws SQLException {
        Optional<ClusterRow> c = batch.cluster(clusters, clusterId);
        if (c.isEmpty() || !ClusterRemoval.LIVE.contains(c.get().status())) {
            return;
        }
        ClusterRow row = c.get();
        batch.emit(new ClusterStatusChanged(row.clusterId(), row.team(), row.siteId(), row.status(), reason,
                SitePlanBuilder.placement(site.state().allocationsOf(clusterId), site.details(), clusterId),
                null, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Every cluster with a moved node gets its new placement announced. */
    public void announceMoves(Batch batch, SiteWork site, Decision decision, String reason) throws SQLException {
        Set<String> owners = new LinkedHashSet<>();
        decision.moves().stream().filter(a -> a.kind() != io.edgefleet.placement.engine.model.HolderKind.NF_REPLICA)
                .map(Allocation::ownerId).forEach(owners::add);
        for (String owner : owners) {
            announce(batch, site, owner, reason);
        }
    }
}
