package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Decides a worker scale: same worker kind and size as at creation, only the count changes. A
 * cluster created without workers scales out with bare-metal workers.
 */
@ApplicationScoped
class ClusterScaleHandler {
    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    AddressBudget addressBudget;
    @Inject
    ClusterStore clusters;
    @Inject
    DecisionWriter writer;
    @Inject
    PlacementMetrics metrics;

    Outcome handle(Batch batch, ClusterScaleRequested request) throws SQLException {
        Optional<ClusterRow> found = batch.cluster(clusters, request.clusterId());
        if (found.isEmpty() || !ClusterRemoval.LIVE.contains(found.get().status())) {
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
        if (site.isEmpty()) {
            return Outcome.reject("SITE_UNKNOWN", "site " + cluster.siteId() + " is not known to placement");
        }
        ClusterRequested spec = spec(cluster);
        Workers now = spec.workers();
        Workers target = now == null || now.count() == 0 && now.kind() != WorkerKind.MICROVM
                ? Workers.bareMetal(request.workerCount())
                : new Workers(now.kind(), request.workerCount(), now.vcpu(), now.memoryMib(), now.diskGib());
        ClusterRequested scaled = new ClusterRequested(spec.clusterId(), spec.team(), spec.siteId(),
                spec.kubernetesVersion(), spec.controlPlane(), target, spec.ttlSeconds(), spec.labels());
        long t0 = System.nanoTime();
        io.edgefleet.placement.engine.Workers engineTarget = target.kind() == WorkerKind.MICROVM
                ? io.edgefleet.placement.engine.Workers.microVms(target.count(),
                new io.edgefleet.placement.engine.MicroVmSize(target.vcpu(), target.memoryMib(), target.diskGib()))
                : io.edgefleet.placement.engine.Workers.bareMetal(target.count());
        Decision decision = engine.scaleWorkers(site.get().state(), cluster.clusterId(), engineTarget, null);
        metrics.decision("CLUSTER_SCALE", System.nanoTime() - t0);
        if (!decision.accepted()) {
            return Outcome.reject(decision.rejection().code().name(), decision.rejection().message());
        }
        Optional<Outcome> noAddress = addressBudget.check(batch, site.get(), decision);
        if (noAddress.isPresent()) {
            return noAddress.get();
        }
        writer.write(batch, site.get(), decision, false);
        String newSpec = new String(CloudEventCodec.toJson(scaled), StandardCharsets.UTF_8);
        if (batch.pending() != null) {
            batch.pending().updateClusterSpec(cluster.clusterId(), newSpec);
        } else {
            clusters.updateSpec(batch.tx(), cluster.clusterId(), newSpec);
        }
        batch.emit(new ClusterStatusChanged(cluster.clusterId(), cluster.team(), cluster.siteId(), cluster.status(),
                "workers scaled to " + request.workerCount(),
                SitePlanBuilder.placement(site.get().state().allocationsOf(cluster.clusterId()), site.get().details(),
                        cluster.clusterId()), null, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return Outcome.accept();
    }

    private static ClusterRequested spec(ClusterRow cluster) {
        try {
            return EventJson.mapper().readValue(cluster.spec(), ClusterRequested.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored spec of cluster " + cluster.clusterId() + " is unreadable", e);
        }
    }
}
