package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.quota.TeamQuotas;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.upgrade.UpgradeRow;
import io.edgefleet.placement.upgrade.UpgradeStore;
import io.edgefleet.placement.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides a scale: the control plane's replica count, the worker count, or both in one decision
 * (both happen or neither). Sizes stay as at creation; a cluster created without workers scales
 * out with bare-metal workers. The control plane grows and shrinks through the engine, which adds
 * the new replicas on hosts (and failure domains) without a sibling and removes the newest replicas
 * first, so the init replica ({@code cp-0}) is never removed; the agent adds or removes one etcd
 * member at a time as the plan changes. A cluster whose control plane changes is SCALING until its
 * agent reports it READY again, measured against a plan that carries the change
 * ({@link ScalingPlanVersions}).
 */
@ApplicationScoped
class ClusterScaleHandler {
    /** Statuses a control-plane change moves to SCALING; a cluster being deleted stays DELETING. */
    private static final List<ClusterStatus> SCALABLE = List.of(ClusterStatus.PLACED, ClusterStatus.PROVISIONING,
            ClusterStatus.READY, ClusterStatus.SCALING);

    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    AddressBudget addressBudget;
    @Inject
    ClusterStore clusters;
    @Inject
    DecisionWriter writer;
    @Inject
    PlacementMetrics metrics;
    @Inject
    TeamQuotas quotas;
    @Inject
    UpgradeStore upgrades;

    Outcome handle(Batch batch, ClusterScaleRequested request) throws SQLException {
        OwnedCluster owned = OwnedCluster.check(batch.cluster(clusters, request.clusterId()), request.clusterId(),
                request.team(), request.siteId());
        if (owned.refused()) {
            return owned.refusal();
        }
        ClusterRow cluster = owned.cluster();
        // A roll adds and removes replicas of its own; a scale in between would fight it (ADR 0030).
        Optional<UpgradeRow> upgrade = upgrades.find(batch.tx(), cluster.clusterId());
        if (upgrade.isPresent() && upgrade.get().rolling()) {
            return Outcome.reject("UPGRADE_IN_PROGRESS", "cluster " + cluster.clusterId() + " is "
                    + upgrade.get().progress() + "; request the scale once the upgrade is done");
        }
        Optional<SiteWork> site = batch.site(cluster.siteId());
        if (site.isEmpty()) {
            return Outcome.reject("SITE_UNKNOWN", "site " + cluster.siteId() + " is not known to placement");
        }
        ClusterRequested spec = spec(cluster);
        Workers workers = request.workerCount() == null ? spec.workers() : workers(spec.workers(), request.workerCount());
        TeamQuota quota = quotas.forTeam(batch, cluster.team());
        long t0 = System.nanoTime();
        Decision decision = decide(site.get().state(), cluster.clusterId(), request, workers, quota);
        metrics.decision("CLUSTER_SCALE", System.nanoTime() - t0);
        if (!decision.accepted()) {
            return Outcome.reject(decision.rejection().code().name(), decision.rejection().message());
        }
        Optional<Outcome> noAddress = addressBudget.check(batch, site.get(), decision);
        if (noAddress.isPresent()) {
            return noAddress.get();
        }
        writer.write(batch, site.get(), decision, false);
        quotas.took(batch, decision);
        ControlPlane cp = spec.controlPlane();
        ControlPlane scaledCp = request.controlPlaneReplicas() == null ? cp
                : new ControlPlane(request.controlPlaneReplicas(), cp.vcpu(), cp.memoryMib(), cp.diskGib());
        ClusterRequested scaled = new ClusterRequested(spec.clusterId(), spec.team(), spec.siteId(),
                spec.kubernetesVersion(), scaledCp, workers, spec.ttlSeconds(), spec.labels());
        boolean controlPlaneMoves = Stream.concat(decision.placed().stream(), decision.released().stream())
                .anyMatch(a -> a.kind() == HolderKind.CONTROL_PLANE);
        boolean scaling = controlPlaneMoves && SCALABLE.contains(cluster.status());
        ClusterStatus status = scaling ? ClusterStatus.SCALING : cluster.status();
        String reason = reason(request);
        record(batch, cluster, new String(CloudEventCodec.toJson(scaled), StandardCharsets.UTF_8), scaling, reason);
        if (scaling) {
            batch.controlPlaneScaled(cluster.siteId(), cluster.clusterId());
        }
        batch.emit(new ClusterStatusChanged(cluster.clusterId(), cluster.team(), cluster.siteId(), status, reason,
                SitePlanBuilder.placement(site.get().state().allocationsOf(cluster.clusterId()), site.get().details(),
                        cluster.clusterId()), null, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return Outcome.accept();
    }

    /**
     * The control plane first, then the workers on the state it leaves, as one decision: a request
     * with both is refused whole when either part cannot be done.
     */
    private Decision decide(SiteState state, String clusterId, ClusterScaleRequested request, Workers workers,
                            TeamQuota quota) {
        boolean both = request.controlPlaneReplicas() != null && request.workerCount() != null;
        Decision cp = request.controlPlaneReplicas() == null ? Decision.of(List.of(), List.of())
                : engine.scaleControlPlane(state, clusterId, request.controlPlaneReplicas(), quota);
        if (!cp.accepted() || request.workerCount() == null) {
            return both ? unchanged(cp) : cp;
        }
        // The workers are held to what the team uses once the control plane changed.
        TeamQuota afterCp = quota == null ? null : quota.plusUsed(TeamQuotas.change(quota.team(), cp));
        Decision w = engine.scaleWorkers(cp.applyTo(state), clusterId, engineWorkers(workers), afterCp);
        if (!w.accepted()) {
            return both ? unchanged(w) : w;
        }
        List<Allocation> placed = new ArrayList<>(cp.placed());
        placed.addAll(w.placed());
        List<Allocation> released = new ArrayList<>(cp.released());
        released.addAll(w.released());
        return Decision.of(placed, released);
    }

    /** A refusal of one part of a request that asked for both, saying that the other part did not happen. */
    private static Decision unchanged(Decision part) {
        if (part.accepted()) {
            return part;
        }
        return Decision.rejected(part.rejection().code(), part.rejection().message()
                + "; the request scales the control plane and the workers together or not at all, so neither changed");
    }

    /** Writes the new spec and, when the control plane changes, the move to SCALING with its reason. */
    private void record(Batch batch, ClusterRow cluster, String spec, boolean scaling, String reason)
            throws SQLException {
        List<ClusterStatus> from = List.of(cluster.status());
        if (batch.pending() != null) {
            batch.pending().updateClusterSpec(cluster.clusterId(), spec);
            if (scaling) {
                batch.pending().transitionCluster(cluster.clusterId(), from, ClusterStatus.SCALING, reason);
            }
        } else {
            clusters.updateSpec(batch.tx(), cluster.clusterId(), spec);
            if (scaling) {
                clusters.transition(batch.tx(), cluster.clusterId(), from, ClusterStatus.SCALING, reason);
            }
        }
    }

    /** What changed, for the status reason: "control plane scaled to 5", "workers scaled to 2", or both. */
    static String reason(ClusterScaleRequested request) {
        List<String> parts = new ArrayList<>();
        if (request.controlPlaneReplicas() != null) {
            parts.add("control plane scaled to " + request.controlPlaneReplicas());
        }
        if (request.workerCount() != null) {
            parts.add("workers scaled to " + request.workerCount());
        }
        return String.join(", ", parts);
    }

    /** The same kind and size as now with a new count; a cluster without workers grows bare-metal ones. */
    private static Workers workers(Workers now, int count) {
        return now == null || now.count() == 0 && now.kind() != WorkerKind.MICROVM
                ? Workers.bareMetal(count)
                : new Workers(now.kind(), count, now.vcpu(), now.memoryMib(), now.diskGib());
    }

    private static io.edgefleet.placement.engine.Workers engineWorkers(Workers target) {
        return target.kind() == WorkerKind.MICROVM
                ? io.edgefleet.placement.engine.Workers.microVms(target.count(),
                new MicroVmSize(target.vcpu(), target.memoryMib(), target.diskGib()))
                : io.edgefleet.placement.engine.Workers.bareMetal(target.count());
    }

    private static ClusterRequested spec(ClusterRow cluster) {
        try {
            return EventJson.mapper().readValue(cluster.spec(), ClusterRequested.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored spec of cluster " + cluster.clusterId() + " is unreadable", e);
        }
    }
}
