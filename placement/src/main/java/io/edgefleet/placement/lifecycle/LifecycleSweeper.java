package io.edgefleet.placement.lifecycle;

import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.Unplaced;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.ClusterAnnouncer;
import io.edgefleet.placement.intake.ClusterRemoval;
import io.edgefleet.placement.intake.DecisionWriter;
import io.edgefleet.placement.intake.SitePlans;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.Liveness;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.NetworkFunctionStore;
import io.edgefleet.placement.store.SiteStore;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Time-driven lifecycle, on every replica: hosts silent for {@code heartbeat-loss-factor} × their
 * site's heartbeat interval go DOWN, silence measured on the report clock of the site's report
 * partition ({@link ReportClock}, ADR 0011: a backlog of reports never counts as silence) and only
 * since this replica started (a restart of placement never declares healthy sites dead); DOWN hosts are evacuated (control planes move
 * make-before-break: the old microVM stays in the plan until its replacement runs); clusters past
 * their TTL are deleted; failed microVMs due for a retry are re-placed on another host.
 *
 * <p>Work on one site runs in one transaction holding that site's row lock ({@code SKIP LOCKED}:
 * another replica busy with the site just skips it this round), with the same generation checks
 * as request batches, so lifecycle and intake never double-book a host either.
 */
@ApplicationScoped
public class LifecycleSweeper {
    private static final Logger LOG = Logger.getLogger(LifecycleSweeper.class);
    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    Liveness liveness;
    @Inject
    io.edgefleet.placement.store.PlanContextStore planContext;
    @Inject
    ReportClock reportClock;
    @Inject
    ClusterStore clusters;
    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    AllocationStore allocations;
    @Inject
    DecisionWriter writer;
    @Inject
    ClusterRemoval removal;
    @Inject
    ClusterAnnouncer announcer;
    @Inject
    SitePlans plans;
    @Inject
    OutboxRelay relay;
    @Inject
    PlacementMetrics metrics;

    /** A host is DOWN after this many heartbeat intervals without a heartbeat that lists it. */
    @ConfigProperty(name = "edgefleet.lifecycle.heartbeat-loss-factor", defaultValue = "3")
    double heartbeatLossFactor;

    /**
     * When this replica started watching heartbeats. Silence before it is not counted: after a
     * restart the last heartbeats in the database are old, yet the sites may be fine.
     */
    private volatile Instant watchingSince = Instant.now();

    /** Sweeps run every interval; several missed in a row (a sweep hanging on a lock, say) is a stuck sweeper. */
    @ConfigProperty(name = "edgefleet.lifecycle.interval", defaultValue = "5s")
    Duration interval;
    private LoopPulse pulse;

    void onStart(@Observes StartupEvent event) {
        watchingSince = Instant.now();
        pulse = new LoopPulse("lifecycle sweeper", Duration.ofMinutes(2).plus(interval.multipliedBy(10)));
        pulse.started(null);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (pulse != null) {
            pulse.stopped();
        }
    }

    /** Whether sweeps keep completing (liveness); empty before start. */
    public Optional<LoopPulse> pulse() {
        return Optional.ofNullable(pulse);
    }

    /** One unit of per-site work inside the site's transaction. */
    interface SiteStep {
        void run(Batch batch, SiteWork site) throws SQLException;
    }

    @Scheduled(every = "${edgefleet.lifecycle.interval:5s}", delayed = "${edgefleet.lifecycle.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        try {
            markSilentHostsDown();
            evacuateDownHosts();
            renameSiteStepsHosts();
            expireClusters();
            retryFailedMicroVms();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("lifecycle sweep failed, next round retries: %s", e.toString());
        } finally {
            if (pulse != null) {
                pulse.turned();
            }
        }
    }

    void markSilentHostsDown() throws SQLException {
        List<String[]> marked;
        try (Connection c = dataSource.getConnection()) {
            Liveness.Clocks clocks = reportClock.now(c);
            c.setAutoCommit(false);
            try {
                marked = liveness.markSilentHostsDown(c, heartbeatLossFactor, watchingSince, clocks);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        for (String[] h : marked) {
            LOG.infof("host %s/%s missed its heartbeats: DOWN", h[0], h[1]);
            metrics.lifecycle("host_down");
        }
    }

    /**
     * Publishes a new plan for each site whose steps host (ADR 0019) is no longer the one to
     * choose: it went DOWN, or a lower-id host's agent came back. Evacuations above already wrote
     * plans for sites that had work on a DOWN host; their plans named the new choice.
     */
    void renameSiteStepsHosts() throws SQLException {
        List<String> siteIds;
        try (Connection c = dataSource.getConnection()) {
            siteIds = planContext.stepsHostChanged(c);
        }
        for (String siteId : siteIds) {
            inSite(siteId, (batch, site) -> site.markPlanChanged());
            metrics.lifecycle("site_steps_host_renamed");
        }
    }

    void evacuateDownHosts() throws SQLException {
        List<String> siteIds;
        try (Connection c = dataSource.getConnection()) {
            siteIds = sites.sitesWithDownHostsHolding(c);
        }
        for (String siteId : siteIds) {
            inSite(siteId, this::evacuate);
        }
    }

    private void evacuate(Batch batch, SiteWork site) throws SQLException {
        for (var host : site.state().site().hosts()) {
            if (host.state() != HostState.DOWN || site.state().allocationsOn(host.id()).isEmpty()) {
                continue;
            }
            Decision decision = engine.hostLost(site.state(), host.id());
            if (!decision.accepted()) {
                continue;
            }
            writer.write(batch, site, decision, true);
            metrics.lifecycle("host_evacuated");
            announcer.announceMoves(batch, site, decision, "re-placed: host " + host.id() + " is DOWN");
            failUnplaced(batch, site, decision.unplaced(), "host " + host.id() + " is DOWN");
        }
    }

    /** Owners that lost a node for good: clusters and network functions go FAILED with the reason. */
    private void failUnplaced(Batch batch, SiteWork site, List<Unplaced> unplaced, String cause) throws SQLException {
        Map<String, String> owners = new LinkedHashMap<>();
        Set<String> nfs = new LinkedHashSet<>();
        for (Unplaced u : unplaced) {
            owners.putIfAbsent(u.previous().ownerId(), cause + " and " + u.previous().holderId()
                    + " could not be re-placed: " + u.reason().message());
            if (u.previous().kind() == HolderKind.NF_REPLICA) {
                nfs.add(u.previous().ownerId());
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (Map.Entry<String, String> e : owners.entrySet()) {
            if (nfs.contains(e.getKey())) {
                Optional<NetworkFunctionRow> nf = networkFunctions.find(batch.tx(), e.getKey());
                writer.write(batch, site, engine.deleteNetworkFunction(site.state(), e.getKey()), false);
                networkFunctions.updateStatus(batch.tx(), e.getKey(), NetworkFunctionStatus.FAILED, e.getValue());
                nf.ifPresent(n -> batch.emit(new NetworkFunctionStatusChanged(n.nfId(), n.clusterId(), n.team(),
                        n.siteId(), NetworkFunctionStatus.FAILED, e.getValue(), List.of(), now)));
            } else {
                Optional<ClusterRow> cluster = clusters.find(batch.tx(), e.getKey());
                if (cluster.isPresent()) {
                    removal.remove(batch, cluster.get(), ClusterStatus.FAILED, e.getValue());
                }
            }
            metrics.lifecycle("owner_failed");
        }
    }

    void expireClusters() throws SQLException {
        Map<String, List<String>> bySite = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String[] e : clusters.expired(c, 500)) {
                bySite.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
            }
        }
        for (Map.Entry<String, List<String>> e : bySite.entrySet()) {
            inSite(e.getKey(), (batch, site) -> {
                for (String clusterId : e.getValue()) {
                    Optional<ClusterRow> cluster = clusters.find(batch.tx(), clusterId);
                    if (cluster.isPresent() && removal.remove(batch, cluster.get(), ClusterStatus.DELETED,
                            "TTL expired")) {
                        metrics.lifecycle("ttl_expired");
                    }
                }
            });
        }
    }

    void retryFailedMicroVms() throws SQLException {
        Map<String, List<AllocationStore.DueRetry>> bySite = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (AllocationStore.DueRetry r : allocations.dueRetries(c, 200)) {
                bySite.computeIfAbsent(r.siteId(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<AllocationStore.DueRetry>> e : bySite.entrySet()) {
            inSite(e.getKey(), (batch, site) -> {
                for (AllocationStore.DueRetry r : e.getValue()) {
                    retry(batch, site, r);
                }
            });
        }
    }

    /**
     * Re-places one failed microVM away from its host: the engine's host-loss decision, on a view
     * of the site where that host holds only the failed microVM, moves exactly that one.
     */
    private void retry(Batch batch, SiteWork site, AllocationStore.DueRetry due) throws SQLException {
        Allocation failed = site.state().allocation(due.holderId());
        if (failed == null) {
            return;
        }
        List<Allocation> view = new ArrayList<>();
        for (Allocation a : site.state().allocations()) {
            if (!a.hostId().equals(failed.hostId()) || a.holderId().equals(failed.holderId())) {
                view.add(a);
            }
        }
        Decision decision = engine.hostLost(SiteState.of(site.state().site(), view), failed.hostId());
        int attempts = site.details().containsKey(failed.holderId())
                ? site.details().get(failed.holderId()).attempts() + 1 : 1;
        if (!decision.accepted() || !decision.unplaced().isEmpty() || decision.placed().isEmpty()) {
            String why = due.reason() + "; no other host can take it"
                    + (decision.unplaced().isEmpty() ? "" : ": " + decision.unplaced().get(0).reason().message());
            failUnplaced(batch, site, List.of(new Unplaced(failed, new io.edgefleet.placement.engine.Rejection(
                    io.edgefleet.placement.engine.RejectionCode.CANNOT_REPLACE, why))), due.reason());
            return;
        }
        writer.write(batch, site, decision, false, Map.of(failed.holderId(), attempts));
        metrics.lifecycle("microvm_replaced");
        announcer.announceMoves(batch, site, decision, due.reason() + "; re-placed (attempt " + attempts + ")");
    }

    private void inSite(String siteId, SiteStep step) {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                if (!sites.tryLock(tx, siteId)) {
                    tx.rollback();
                    return;
                }
                Batch batch = new Batch(tx, sites);
                Optional<SiteWork> site = batch.site(siteId);
                if (site.isPresent()) {
                    step.run(batch, site.get());
                    plans.finish(batch);
                }
                tx.commit();
                batch.committed();
                relay.handOver(batch.outboxed());
            } catch (SQLException | ConcurrentAllocationException | RuntimeException e) {
                tx.rollback();
                if (e instanceof ConcurrentAllocationException) {
                    sites.cache().forgetAll();
                }
                LOG.debugf("lifecycle work on site %s rolled back, next round retries: %s", siteId, e.toString());
            }
        } catch (SQLException e) {
            LOG.debugf("lifecycle work on site %s not done: %s", siteId, e.toString());
        }
    }
}
