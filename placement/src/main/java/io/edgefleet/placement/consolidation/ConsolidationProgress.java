package io.edgefleet.placement.consolidation;

import io.edgefleet.events.outcome.ConsolidationState;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.SitePlans;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.SiteStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Drives applied consolidations, on every replica: a started move is done once its replacement
 * microVM runs (the report that says so retires the old one, {@code retiring_microvm}); when no
 * move runs, the next ones start if they still hold, or the consolidation ends, DONE with the hosts
 * found empty, or FAILED when the site changed so that the next moves no longer fit. Each site's step runs in one
 * transaction holding the site row ({@code SKIP LOCKED}), with the usual generation checks, and
 * publishes the consolidation's new state with the site's new plan.
 */
@ApplicationScoped
public class ConsolidationProgress {
    private static final Logger LOG = Logger.getLogger(ConsolidationProgress.class);

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    ConsolidationStore store;
    @Inject
    MoveStarter starter;
    @Inject
    SitePlans plans;
    @Inject
    OutboxRelay relay;
    @Inject
    ConsolidationMetrics metrics;

    @Scheduled(every = "${edgefleet.placement.consolidation.interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void advance() {
        try {
            List<String> siteIds;
            try (Connection c = dataSource.getConnection()) {
                siteIds = store.sitesApplying(c);
            }
            for (String siteId : siteIds) {
                advance(siteId);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("consolidation progress failed, next round retries: %s", e.toString());
        }
    }

    private void advance(String siteId) throws SQLException {
        Optional<Consolidation> ended = Optional.empty();
        long movesDone = 0;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                Optional<Consolidation> found = sites.tryLock(tx, siteId) ? store.applying(tx, siteId) : Optional.empty();
                Batch batch = new Batch(tx, sites);
                Optional<SiteWork> site = found.isEmpty() ? Optional.empty() : batch.site(siteId);
                if (site.isEmpty()) {
                    tx.rollback();
                    return;
                }
                Consolidation before = found.get();
                Consolidation after = step(batch, site.get(), before);
                if (after.equals(before)) {
                    tx.rollback();
                    return;
                }
                movesDone = after.count(PlannedMove.Phase.DONE) - before.count(PlannedMove.Phase.DONE);
                store.update(tx, after);
                batch.emit(after.event());
                plans.finish(batch);
                tx.commit();
                batch.committed();
                relay.handOver(batch.outboxed());
                if (after.state() != ConsolidationState.APPLYING) {
                    ended = Optional.of(after);
                }
            } catch (SQLException | ConcurrentAllocationException | RuntimeException e) {
                tx.rollback();
                if (e instanceof ConcurrentAllocationException) {
                    sites.cache().forgetAll();
                }
                LOG.debugf("consolidation step on site %s rolled back, next round retries: %s", siteId, e.toString());
                return;
            }
        }
        metrics.movesDone(movesDone);
        ended.ifPresent(c -> {
            metrics.ended(c.state());
            metrics.hostsFreed(c.hostsFreed().size());
        });
    }

    /** The consolidation after marking finished moves done and starting the next ones, or ending it. */
    private Consolidation step(Batch batch, SiteWork site, Consolidation c) throws SQLException {
        List<String> waiting = c.moves().stream().filter(m -> m.phase() == PlannedMove.Phase.STARTED)
                .map(PlannedMove::newMicroVmId).filter(id -> id != null).toList();
        Set<String> stillRetiring = store.replacementsNotRunning(batch.tx(), waiting);
        List<PlannedMove> moves = new ArrayList<>();
        for (PlannedMove m : c.moves()) {
            boolean finished = m.phase() == PlannedMove.Phase.STARTED
                    && (m.newMicroVmId() == null || !stillRetiring.contains(m.newMicroVmId()));
            moves.add(finished ? m.in(PlannedMove.Phase.DONE) : m);
        }
        Consolidation now = c.with(ConsolidationState.APPLYING, moves, List.of(), null);
        if (now.count(PlannedMove.Phase.STARTED) > 0) {
            return now;
        }
        if (now.count(PlannedMove.Phase.PENDING) == 0) {
            return now.with(ConsolidationState.DONE, moves, emptyNow(site, now), null);
        }
        // Only the moves still to make must hold: a host to free that took a new tenant meanwhile is simply not
        // freed (DONE says which were), which is no reason to stop the moves that still help.
        Optional<String> stale = PlanCheck.stale(site.state(), moves, List.of());
        if (stale.isPresent()) {
            List<PlannedMove> dropped = moves.stream()
                    .map(m -> m.phase() == PlannedMove.Phase.PENDING ? m.in(PlannedMove.Phase.DROPPED) : m).toList();
            return now.with(ConsolidationState.FAILED, dropped, emptyNow(site, now), "site " + c.siteId()
                    + " changed during consolidation " + c.requestId() + ": " + stale.get()
                    + "; the moves done stay, run a new dry run");
        }
        return now.with(ConsolidationState.APPLYING, starter.startNext(batch, site, now), List.of(), null);
    }

    /** The consolidation's hosts to free that hold nothing now. */
    static List<String> emptyNow(SiteWork site, Consolidation c) {
        return c.hostsToFree().stream().filter(h -> site.state().allocationsOn(h).isEmpty()).toList();
    }
}
