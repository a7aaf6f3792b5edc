package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.quota.TeamQuotas;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.NetworkFunctionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Decides network-function creation and deletion. An NF may displace control-plane microVMs; the
 * displaced ones move make-before-break (their old microVM stays in the plan until the new one
 * runs) and their clusters get a status event with the new placement.
 */
@ApplicationScoped
class NetworkFunctionHandlers {
    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    ClusterStore clusters;
    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    DecisionWriter writer;
    @Inject
    PlacementMetrics metrics;
    @Inject
    ClusterAnnouncer announcer;
    @Inject
    TeamQuotas quotas;

    Outcome create(Batch batch, NetworkFunctionRequested request) throws SQLException {
        Optional<NetworkFunctionRow> existing = batch.networkFunction(networkFunctions, request.nfId());
        if (existing.isPresent() && existing.get().status() != NetworkFunctionStatus.DELETED) {
            return Outcome.reject("ALREADY_EXISTS", "network function " + request.nfId() + " already exists");
        }
        if (batch.cluster(clusters, request.nfId()).isPresent()) {
            return Outcome.reject("ALREADY_EXISTS", request.nfId() + " is a cluster's id;"
                    + " clusters and network functions need distinct ids", List.of("$.nfId"));
        }
        Optional<ClusterRow> cluster = batch.cluster(clusters, request.clusterId());
        if (cluster.isEmpty() || !ClusterRemoval.LIVE.contains(cluster.get().status())
                || !cluster.get().siteId().equals(request.siteId())) {
            return Outcome.reject("UNKNOWN_CLUSTER", "cluster " + request.clusterId() + " does not run on site "
                    + request.siteId() + "; a network function runs in an existing cluster of its site",
                    List.of("$.clusterId"));
        }
        if (!cluster.get().team().equals(request.team())) {
            return Outcome.reject("NOT_OWNER", "cluster " + request.clusterId() + " belongs to team "
                    + cluster.get().team() + ", not " + request.team(), List.of("$.team"));
        }
        Optional<SiteWork> found = batch.site(request.siteId());
        if (found.isEmpty()) {
            return Outcome.reject("SITE_UNKNOWN", "site " + request.siteId() + " is not known to placement");
        }
        SiteWork site = found.get();
        long t0 = System.nanoTime();
        Decision decision = engine.placeNetworkFunction(site.state(), new NetworkFunctionRequest(request.nfId(),
                request.team(), request.clusterId(), request.replicas(), request.pinnedCores(),
                request.hugepages1Gi(), request.memoryMib(), request.vfsByPhysnet()),
                quotas.forTeam(batch, request.team()));
        metrics.decision("NETWORK_FUNCTION_CREATE", System.nanoTime() - t0);
        if (!decision.accepted()) {
            return Outcome.reject(decision.rejection().code().name(), decision.rejection().message());
        }
        writer.write(batch, site, decision, true);
        quotas.took(batch, decision);
        networkFunctions.upsert(batch.tx(), new NetworkFunctionRow(request.nfId(), request.team(), request.siteId(),
                request.clusterId(), request.kind().name(),
                new String(CloudEventCodec.toJson(request), StandardCharsets.UTF_8), NetworkFunctionStatus.PLACED,
                null));
        if (batch.pending() != null) {
            batch.pending().networkFunctionChanged(request.nfId(), request.siteId());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        batch.emit(new NetworkFunctionStatusChanged(request.nfId(), request.clusterId(), request.team(),
                request.siteId(), NetworkFunctionStatus.PLACED, null,
                SitePlanBuilder.replicas(decision.placed(), request.nfId()), now));
        announcer.announceMoves(batch, site, decision, "control plane moved to make room for network function "
                + request.nfId());
        return Outcome.accept();
    }

    Outcome delete(Batch batch, NetworkFunctionDeleteRequested request) throws SQLException {
        Optional<NetworkFunctionRow> found = batch.networkFunction(networkFunctions, request.nfId());
        if (found.isEmpty() || gone(batch, found.get())) {
            return Outcome.reject("UNKNOWN_NETWORK_FUNCTION", "network function " + request.nfId() + " does not exist");
        }
        NetworkFunctionRow nf = found.get();
        if (!nf.team().equals(request.team())) {
            return Outcome.reject("NOT_OWNER", "network function " + request.nfId() + " belongs to team "
                    + nf.team() + ", not " + request.team(), List.of("$.team"));
        }
        if (!nf.siteId().equals(request.siteId())) {
            return Outcome.reject("WRONG_SITE", "network function " + request.nfId() + " runs on site "
                    + nf.siteId() + ", not " + request.siteId(), List.of("$.siteId"));
        }
        Optional<SiteWork> site = batch.site(nf.siteId());
        if (site.isPresent()) {
            Decision released = engine.deleteNetworkFunction(site.get().state(), nf.nfId());
            writer.write(batch, site.get(), released, false);
            quotas.took(batch, released);
            site.get().markPlanChanged();
        }
        networkFunctions.updateStatus(batch.tx(), nf.nfId(), NetworkFunctionStatus.DELETED, request.reason());
        if (batch.pending() != null) {
            batch.pending().networkFunctionChanged(nf.nfId(), nf.siteId());
        }
        batch.emit(new NetworkFunctionStatusChanged(nf.nfId(), nf.clusterId(), nf.team(), nf.siteId(),
                NetworkFunctionStatus.DELETED, request.reason(), List.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return Outcome.accept();
    }

    /**
     * Deleted, or failed by placement (its replicas lost for good, nothing held). One its site reported
     * FAILED still holds its allocations: deleting it is how its team frees them.
     */
    private static boolean gone(Batch batch, NetworkFunctionRow nf) throws SQLException {
        if (nf.status() == NetworkFunctionStatus.DELETED) {
            return true;
        }
        return nf.status() == NetworkFunctionStatus.FAILED
                && batch.site(nf.siteId()).map(s -> s.state().allocationsOf(nf.nfId()).isEmpty()).orElse(true);
    }
}
