package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.placement.consolidation.Consolidation;
import io.edgefleet.placement.consolidation.ConsolidationStore;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.images.ImageCatalogues;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.upgrade.RollOrder;
import io.edgefleet.placement.upgrade.UpgradeAnnouncer;
import io.edgefleet.placement.upgrade.UpgradePath;
import io.edgefleet.placement.upgrade.UpgradeRow;
import io.edgefleet.placement.upgrade.UpgradeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides an upgrade request: refuses what cannot be a step (another team's or site's cluster, a cluster
 * not READY or already upgrading or scaling, a downgrade or skipped minor, a version without a node image)
 * and records the roll of an accepted one; the roll itself is {@link io.edgefleet.placement.upgrade.UpgradeSweep}'s
 * work (ADR 0030), so this request changes no allocation and the cluster stays READY. After a roll that
 * stopped, the cluster runs two versions: only the same target is accepted then, and the roll resumes with
 * the replicas it had replaced.
 */
@ApplicationScoped
class ClusterUpgradeHandler {
    @Inject
    ClusterStore clusters;
    @Inject
    UpgradeStore upgrades;
    @Inject
    ConsolidationStore consolidations;

    Outcome handle(Batch batch, ClusterUpgradeRequested request) throws SQLException {
        OwnedCluster owned = OwnedCluster.check(batch.cluster(clusters, request.clusterId()), request.clusterId(),
                request.team(), request.siteId());
        if (owned.refused()) {
            return owned.refusal();
        }
        ClusterRow cluster = owned.cluster();
        Optional<UpgradeRow> last = upgrades.find(batch.tx(), cluster.clusterId());
        if (last.isPresent() && last.get().rolling()) {
            return Outcome.reject("UPGRADE_IN_PROGRESS", "cluster " + cluster.clusterId() + " is already "
                    + last.get().progress() + "; request another upgrade once it is done");
        }
        if (cluster.status() == ClusterStatus.SCALING) {
            return Outcome.reject("SCALE_IN_PROGRESS", "cluster " + cluster.clusterId() + " is scaling ("
                    + cluster.reason() + "); request the upgrade once it is READY");
        }
        if (cluster.status() != ClusterStatus.READY) {
            return Outcome.reject("NOT_READY", "cluster " + cluster.clusterId() + " is " + cluster.status()
                    + "; only a READY cluster is upgraded");
        }
        Optional<SiteWork> site = batch.site(cluster.siteId());
        if (site.isEmpty()) {
            return Outcome.reject("SITE_UNKNOWN", "site " + cluster.siteId() + " is not known to placement");
        }
        // A consolidation moves microVMs between hosts; a roll that adds and removes them at once would
        // race it for the same room (ADR 0030, 0031): one after the other.
        Optional<Consolidation> moving = consolidations.applying(batch.tx(), cluster.siteId());
        if (moving.isPresent()) {
            return Outcome.reject("CONSOLIDATION_UNDER_WAY", "site " + cluster.siteId() + " is being consolidated ("
                    + moving.get().requestId() + "); request the upgrade once it is done or cancelled");
        }
        List<Allocation> mine = site.get().state().allocationsOf(cluster.clusterId());
        Set<String> held = mine.stream().map(Allocation::holderId).collect(Collectors.toSet());
        List<String> rolled = last.filter(r -> !UpgradeRow.DONE.equals(r.state())).map(UpgradeRow::upgradedHolders)
                .orElse(List.of()).stream().filter(held::contains).toList();
        if (!rolled.isEmpty() && !same(last.get().toVersion(), request.kubernetesVersion())) {
            return Outcome.reject("MIXED_VERSIONS", "cluster " + cluster.clusterId() + " runs " + last.get().fromVersion()
                    + " and, on " + rolled.size() + " replicas, " + last.get().toVersion() + " since its upgrade stopped ("
                    + last.get().reason() + "); upgrade it to " + last.get().toVersion() + " to resume, not to "
                    + request.kubernetesVersion(), List.of("$.kubernetesVersion"));
        }
        Optional<String> path = UpgradePath.refusal(cluster.kubernetesVersion(), request.kubernetesVersion());
        if (path.isPresent()) {
            return Outcome.reject("INVALID_UPGRADE", "cluster " + cluster.clusterId() + ": " + path.get(),
                    List.of("$.kubernetesVersion"));
        }
        Optional<String> noImage = ImageCatalogues.refusal(request.kubernetesVersion());
        if (noImage.isPresent()) {
            return Outcome.reject("IMAGE_UNKNOWN", noImage.get(), List.of("$.kubernetesVersion"));
        }
        String to = rolled.isEmpty() ? request.kubernetesVersion() : last.get().toVersion();
        UpgradeRow roll = new UpgradeRow(cluster.clusterId(), cluster.siteId(), cluster.kubernetesVersion(), to,
                UpgradeRow.ROLLING, null, 0, RollOrder.left(mine, rolled, HolderKind.CONTROL_PLANE),
                RollOrder.left(mine, rolled, HolderKind.WORKER_VM), null, null, null, null, null, null, rolled, null,
                null, null);
        upgrades.start(batch.tx(), roll);
        String reason = roll.progress();
        if (batch.pending() != null) {
            batch.pending().transitionCluster(cluster.clusterId(), List.of(ClusterStatus.READY), ClusterStatus.READY,
                    reason);
        } else {
            clusters.transition(batch.tx(), cluster.clusterId(), List.of(ClusterStatus.READY), ClusterStatus.READY,
                    reason);
        }
        UpgradeAnnouncer.announce(batch, site.get(), cluster, roll, reason, cluster.kubernetesVersion());
        return Outcome.accept();
    }

    /** {@code 1.32.1} and {@code v1.32.1} are one version. */
    private static boolean same(String a, String b) {
        return String.valueOf(io.edgefleet.placement.upgrade.KubernetesVersion.parse(a))
                .equals(String.valueOf(io.edgefleet.placement.upgrade.KubernetesVersion.parse(b)));
    }
}
