package io.edgefleet.placement.upgrade;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.UpgradeProgress;
import io.edgefleet.events.outcome.UpgradeState;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.ClusterRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The cluster's status as an upgrade moves it: the status it has (an upgrade never changes it: the cluster
 * serves throughout), the reason saying where the roll is, the version the cluster is at and the roll's
 * progress.
 */
public final class UpgradeAnnouncer {
    private UpgradeAnnouncer() {
    }

    public static void announce(Batch batch, SiteWork site, ClusterRow cluster, UpgradeRow roll, String reason,
                                String clusterVersion) {
        batch.emit(new ClusterStatusChanged(cluster.clusterId(), cluster.team(), cluster.siteId(), cluster.status(),
                reason, SitePlanBuilder.placement(site.state().allocationsOf(cluster.clusterId()), site.details(),
                cluster.clusterId()), null, Instant.now().truncatedTo(ChronoUnit.MILLIS), clusterVersion,
                progress(roll)));
    }

    public static UpgradeProgress progress(UpgradeRow roll) {
        return new UpgradeProgress(roll.fromVersion(), roll.toVersion(),
                UpgradeRow.DONE.equals(roll.state()) ? "done" : roll.stepName(), UpgradeState.valueOf(roll.state()),
                roll.reason());
    }
}
