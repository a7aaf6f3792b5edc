package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.images.ImageCatalogues;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.plan.InitReplica;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.quota.TeamQuotas;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.LiveCluster;
import io.edgefleet.placement.store.NetworkFunctionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Decides a cluster creation: asks the engine, persists its allocations and the cluster with its
 * init replica (the first control-plane microVM, kept for the cluster's life), announces PLACED.
 */
@ApplicationScoped
class ClusterCreateHandler {
    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    AddressBudget addressBudget;
    @Inject
    ClusterStore clusters;
    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    DecisionWriter writer;
    @Inject
    PlacementMetrics metrics;
    @Inject
    TeamQuotas quotas;
    @Inject
    PollBursts bursts;

    Outcome handle(Batch batch, ClusterRequested request) throws SQLException {
        Optional<SiteWork> found = batch.site(request.siteId());
        if (found.isEmpty()) {
            return Outcome.reject("SITE_UNKNOWN", "site " + request.siteId() + " is not known to placement:"
                    + " its agent has never reported (check that the site is enrolled and its agent runs)");
        }
        Optional<ClusterRow> existing = batch.cluster(clusters, request.clusterId());
        if (existing.isPresent() && existing.get().status() != ClusterStatus.DELETED) {
            return Outcome.reject("ALREADY_EXISTS", "cluster " + request.clusterId()
                    + " already exists; choose another id or delete it first");
        }
        if (existing.isPresent()) {
            return Outcome.reject("ALREADY_EXISTS", "cluster id " + request.clusterId()
                    + " was used by a deleted cluster; ids are not reused, choose another");
        }
        if (batch.networkFunction(networkFunctions, request.clusterId()).isPresent()) {
            return Outcome.reject("ALREADY_EXISTS", request.clusterId() + " is a network function's id;"
                    + " clusters and network functions need distinct ids");
        }
        Optional<String> noImage = ImageCatalogues.refusal(request.kubernetesVersion());
        if (noImage.isPresent()) {
            return Outcome.reject("IMAGE_UNKNOWN", noImage.get());
        }
        SiteWork site = found.get();
        long t0 = System.nanoTime();
        Decision decision = bursts.decision(batch, site, request) // decided with the poll's other creates
                .orElseGet(() -> engine.createCluster(site.state(), EngineRequests.of(request)));
        TeamQuota quota = quotas.forTeam(batch, request.team());
        if (TeamQuotas.refusal(quota, decision, 1) != null) {
            // Decided without the team's quota (or ahead, with its usage then): decided again against it.
            decision = engine.createCluster(site.state(), EngineRequests.of(request), quota);
        }
        metrics.decision("CLUSTER_CREATE", System.nanoTime() - t0);
        if (!decision.accepted()) {
            return Outcome.reject(decision.rejection().code().name(), decision.rejection().message());
        }
        Optional<Outcome> noAddress = addressBudget.check(batch, site, decision);
        if (noAddress.isPresent()) {
            return noAddress.get();
        }
        writer.write(batch, site, decision, false);
        quotas.took(batch, decision);
        quotas.clusters(batch, request.team(), 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = request.ttlSeconds() == null ? null : now.plusSeconds(request.ttlSeconds());
        ClusterRow row = new ClusterRow(request.clusterId(), request.team(), request.siteId(),
                request.kubernetesVersion(), new String(CloudEventCodec.toJson(request), StandardCharsets.UTF_8),
                ClusterStatus.PLACED, null, expires, InitReplica.of(decision.placed(), site.details()));
        if (batch.pending() != null) {
            batch.pending().insertCluster(row);
        } else {
            clusters.insert(batch.tx(), row);
        }
        site.clusterStarted(new LiveCluster(row.clusterId(), row.team(), row.siteId(), row.kubernetesVersion(),
                row.initMicroVmId()));
        batch.emit(new ClusterStatusChanged(request.clusterId(), request.team(), request.siteId(),
                ClusterStatus.PLACED, null,
                SitePlanBuilder.placement(decision.placed(), site.details(), request.clusterId()), null, now));
        return Outcome.accept();
    }
}
