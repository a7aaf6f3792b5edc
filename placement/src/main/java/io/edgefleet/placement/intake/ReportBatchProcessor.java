package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.placement.identity.ReportAdmission;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.ReportClockStore;
import io.edgefleet.placement.store.RetiringStore;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies a polled batch of site reports: heartbeats and host-state reports refresh the sites'
 * liveness and, when it changed, their inventory ({@link SiteInventory}), in a short transaction of
 * their own when the poll holds other reports too (lock order, see {@link #applyInventory}); then,
 * in one transaction, microVM reports record
 * what the agent measured (a RUNNING replacement retires the
 * microVM it replaces; a FAILED one is re-placed later with backoff, or fails its cluster), and
 * bootstrap reports move clusters to READY or FAILED. Unreadable reports become dead letters; the
 * consumer never stops. That last transaction moves the report clock of each partition polled
 * ({@link ReportClockStore}): silence is judged on it, so reports waiting in a backlog never make
 * their sites look silent (ADR 0011).
 */
@ApplicationScoped
public class ReportBatchProcessor {
    private static final Logger LOG = Logger.getLogger(ReportBatchProcessor.class);
    private static final String CONSUMER = "reports";

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    ClusterStore clusters;
    @Inject
    AllocationStore allocations;
    @Inject
    RetiringStore retiring;
    @Inject
    ClusterRemoval removal;
    @Inject
    SitePlans plans;
    @Inject
    OutboxRelay relay;
    @Inject
    PlacementMetrics metrics;
    @Inject
    ReportAdmission admission;
    @Inject
    SiteInventory siteInventory;
    @Inject
    ReportClockStore reportClock;
    @Inject
    ScalingPlanVersions scalingPlans;
    @Inject
    NetworkFunctionReports nfReports;
    @Inject
    io.edgefleet.placement.upgrade.UpgradeReports upgrades;

    /** How often a failed microVM is re-placed before its cluster goes FAILED. */
    @ConfigProperty(name = "edgefleet.lifecycle.microvm-retries", defaultValue = "3")
    int maxRetries;

    /** Backoff before the first re-placement; doubles with each further failure. */
    @ConfigProperty(name = "edgefleet.lifecycle.retry-backoff", defaultValue = "2s")
    Duration retryBackoff;

    public void process(List<IncomingRecord> records) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Every record polled moves the report clock, also those dropped below: they are handled.
        List<ReportClockStore.Position> positions = positions(records, now);
        // Before anything reads them: only reports signed by the site they speak for (ADR 0007).
        apply(admission.admitted(records), positions, now);
    }

    private void apply(List<IncomingRecord> records, List<ReportClockStore.Position> positions, Instant now) {
        Poll poll = Poll.of(records);
        // Set once the poll's inventory reports have committed on their own: a retry does not apply them again.
        boolean inventoryCommitted = false;
        long backoffMillis = 100;
        int failures = 0;
        while (true) {
            try {
                if (!inventoryCommitted && !poll.inventory().isEmpty() && !poll.rest().isEmpty()) {
                    applyInventory(poll.inventory(), now);
                    inventoryCommitted = true;
                }
                processOnce(poll, inventoryCommitted ? List.of() : poll.inventory(), positions, now);
                return;
            } catch (ConcurrentAllocationException e) {
                sites.cache().forgetAll(); // read every site again: one of them changed under the batch
                metrics.batchRetry(CONSUMER, "concurrent_allocation");
            } catch (SQLException | RuntimeException e) {
                failures++;
                metrics.batchRetry(CONSUMER, e instanceof SQLException ? "database" : "error");
                boolean databaseAway = e instanceof SQLException s && RequestBatchProcessor.isTransient(s, failures);
                if (!databaseAway && failures >= 3) {
                    List<IncomingRecord> left = inventoryCommitted ? poll.otherRecords() : records;
                    if (left.size() > 1) {
                        for (IncomingRecord r : left) {
                            apply(List.of(r), positions(List.of(r), now), now);
                        }
                    } else {
                        LOG.errorf(e, "site report at offset %d cannot be applied; skipped",
                                left.isEmpty() ? -1 : left.get(0).offset());
                        metrics.batchRetry(CONSUMER, "skipped_record");
                    }
                    // The poison record and the dropped ones are handled too: the clock passes them.
                    advanceClock(positions);
                    return;
                }
                LOG.warnf("applying a batch of %d site reports failed, retrying in %d ms: %s",
                        records.size(), backoffMillis, e.toString());
                Retry.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    /**
     * The poll's heartbeats and host-state reports in their own short transaction, committed before
     * its other reports are applied. A report batch that held a heartbeat's site row while it
     * updated a microVM's allocation row deadlocked with request batches, which write allocations
     * and then lock site rows (docs/scale.md, fix 3); now no report transaction holds site rows and
     * allocation rows at once. The report clock is not moved here: only the transaction that
     * applies the rest of the poll moves it, so it never passes a record that is not applied yet.
     * Applying these reports again (a redelivery, a crash between the two commits) changes
     * nothing: every liveness and inventory write is guarded by its time.
     */
    private void applyInventory(List<SiteInventory.Report> inventory, Instant now) throws SQLException {
        long t0 = System.nanoTime();
        SiteInventory.Applied applied;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                applied = siteInventory.apply(tx, inventory, now);
                tx.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(tx);
                throw e;
            }
        }
        count(applied);
        metrics.batch(CONSUMER, System.nanoTime() - t0);
    }

    /**
     * The rest of the poll in one transaction, then the report clock. {@code inventory} is the poll's
     * inventory reports when they were not committed on their own (a poll of nothing else: one
     * transaction is enough, and there is no allocation row to deadlock on), or empty.
     */
    private void processOnce(Poll poll, List<SiteInventory.Report> inventory, List<ReportClockStore.Position> positions,
                             Instant now) throws SQLException, ConcurrentAllocationException {
        long t0 = System.nanoTime();
        Batch batch;
        SiteInventory.Applied applied;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                batch = new Batch(tx, sites);
                for (Poll.DeadLetter d : poll.deadLetters()) {
                    batch.deadLetter(d.event(), d.topic(), d.code());
                }
                // Inventory first: a decision of this batch must be taken on the hosts' new generations.
                applied = siteInventory.apply(tx, inventory, now);
                for (CloudEvent<EventPayload> event : poll.rest()) {
                    handle(batch, event);
                }
                plans.finish(batch);
                // Last, so the batch holds the partition's row for the shortest time: this batch is applied.
                reportClock.advance(tx, positions);
                tx.commit();
            } catch (SQLException | ConcurrentAllocationException | RuntimeException e) {
                rollback(tx);
                throw e;
            }
        }
        batch.committed();
        relay.handOver(batch.outboxed());
        for (String[] d : batch.deadLetters()) {
            metrics.deadLetter(d[0], d[1]);
        }
        count(applied);
        metrics.batch(CONSUMER, System.nanoTime() - t0);
    }

    private void count(SiteInventory.Applied applied) {
        metrics.heartbeats("liveness", applied.livenessOnly());
        metrics.heartbeats("inventory", applied.withInventory());
        metrics.heartbeats("stale_inventory", applied.staleInventory());
    }

    private static void rollback(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the transaction is gone with it
        }
    }

    /** The newest record of each partition in {@code records}, its timestamp bounded by {@code now}. */
    static List<ReportClockStore.Position> positions(List<IncomingRecord> records, Instant now) {
        java.util.Map<String, ReportClockStore.Position> newest = new java.util.TreeMap<>();
        for (IncomingRecord r : records) {
            if (r.offset() < 0) {
                continue;
            }
            Instant at = r.timestamp() > 0 && r.timestamp() < now.toEpochMilli() ? Instant.ofEpochMilli(r.timestamp()) : now;
            newest.merge(r.topic() + "/" + r.partition(), new ReportClockStore.Position(r.topic(), r.partition(),
                    r.offset(), at), (a, b) -> new ReportClockStore.Position(a.topic(), a.partition(),
                    Math.max(a.offset(), b.offset()), a.at().isAfter(b.at()) ? a.at() : b.at()));
        }
        return List.copyOf(newest.values());
    }

    /** Moves the report clock on its own (after records were skipped); the next batch moves it anyway. */
    private void advanceClock(List<ReportClockStore.Position> positions) {
        try (Connection c = dataSource.getConnection()) {
            reportClock.advance(c, positions);
        } catch (SQLException e) {
            LOG.debugf("report clock not moved past skipped records: %s", e.toString());
        }
    }

    private void handle(Batch batch, CloudEvent<EventPayload> event) throws SQLException {
        switch (event.type()) {
            case MICROVM_STATE_CHANGED -> microVm(batch, (MicroVmStateChanged) event.data());
            case CLUSTER_BOOTSTRAP_REPORTED -> bootstrapReported(batch, (ClusterBootstrapReported) event.data());
            case NETWORK_FUNCTION_REPORTED -> nfReports.apply(batch, (io.edgefleet.events.report.NetworkFunctionReported) event.data());
            default -> LOG.debugf("report %s needs nothing", event.type());
        }
    }

    private void microVm(Batch batch, MicroVmStateChanged vm) throws SQLException {
        Optional<AllocationStore.MicroVmRef> found = allocations.findMicroVm(batch.tx(), vm.microVmId());
        if (found.isEmpty()) {
            return; // a retiring or deleted microVM: nothing to decide
        }
        AllocationStore.MicroVmRef ref = found.get();
        if (vm.hostId() != null && !vm.hostId().equals(ref.hostId())) {
            metrics.lifecycle("microvm_report_from_other_host"); // ADR 0022: a host speaks only for microVMs placed on it
            return;
        }
        if (upgrades.absorbs(batch.tx(), vm)) {
            return; // a rolling upgrade's newcomer failed: the roll stops (ADR 0030), the cluster is untouched
        }
        if (vm.state() == MicroVmState.RUNNING) {
            allocations.recordObservedState(batch.tx(), vm.microVmId(), vm.state().name());
            if (retiring.retireReplacedBy(batch.tx(), vm.microVmId()) > 0) {
                batch.site(ref.siteId()).ifPresent(SiteWork::markPlanChanged);
                metrics.lifecycle("replacement_running");
            }
        } else if (vm.state() == MicroVmState.FAILED) {
            if ("FAILED".equals(ref.observedState())) {
                return; // the same failure reported again
            }
            String reason = "microVM " + vm.microVmId() + " failed on host " + vm.hostId()
                    + (vm.reason() == null ? "" : ": " + vm.reason());
            if (ref.attempts() < maxRetries) {
                Instant at = Instant.now().plus(retryBackoff.multipliedBy(1L << Math.min(ref.attempts(), 16)));
                allocations.scheduleRetry(batch.tx(), vm.microVmId(), reason, at);
                metrics.lifecycle("microvm_retry_scheduled");
            } else {
                Optional<ClusterRow> cluster = clusters.find(batch.tx(), ref.ownerId());
                if (cluster.isPresent() && removal.remove(batch, cluster.get(), ClusterStatus.FAILED,
                        reason + " (after " + ref.attempts() + " re-placements)")) {
                    metrics.lifecycle("cluster_failed");
                }
            }
        } else {
            allocations.recordObservedState(batch.tx(), vm.microVmId(), vm.state().name());
        }
    }

    private void bootstrapReported(Batch batch, ClusterBootstrapReported report) throws SQLException {
        if (upgrades.absorbs(batch.tx(), report)) {
            return;
        }
        upgrades.observed(batch.tx(), report);
        if (report.state() == io.edgefleet.events.report.BootstrapState.FAILED) {
            Optional<ClusterRow> cluster = clusters.find(batch.tx(), report.clusterId());
            if (cluster.isPresent() && removal.remove(batch, cluster.get(), ClusterStatus.FAILED,
                    report.reason() == null ? "bootstrap failed" : report.reason())) {
                metrics.lifecycle("cluster_failed");
            }
            return;
        }
        ClusterStatus to = report.state() == io.edgefleet.events.report.BootstrapState.READY
                ? ClusterStatus.READY : ClusterStatus.PROVISIONING;
        // A READY ends SCALING only from a plan that carries the scale (ScalingPlanVersions).
        boolean moved = to == ClusterStatus.READY ? scalingPlans.ready(batch.tx(), report)
                : clusters.transition(batch.tx(), report.clusterId(), List.of(ClusterStatus.PLACED), to, report.reason());
        if (!moved) {
            return; // already there, before the scale's plan, or deleted meanwhile: nothing to announce
        }
        Optional<ClusterRow> cluster = clusters.find(batch.tx(), report.clusterId());
        if (cluster.isEmpty()) {
            return;
        }
        ClusterRow c = cluster.get();
        Optional<SiteWork> site = batch.site(c.siteId());
        batch.emit(new ClusterStatusChanged(c.clusterId(), c.team(), c.siteId(), to, report.reason(),
                site.map(s -> SitePlanBuilder.placement(s.state().allocationsOf(c.clusterId()), s.details(),
                        c.clusterId())).orElse(List.of()),
                report.apiServerEndpoint(), Instant.now().truncatedTo(ChronoUnit.MILLIS), c.kubernetesVersion(), null));
    }
}
