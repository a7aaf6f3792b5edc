package io.edgefleet.placement.consolidation;

import io.edgefleet.events.outcome.ConsolidationState;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.SitePlans;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.SiteStore;
import io.edgefleet.servicekit.LoopPulse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consolidation on a schedule, opt-in ({@code edgefleet.placement.consolidation.auto.interval}, ADR 0031):
 * online decisions drift away from a dense packing under churn, and the density bench shows a periodic
 * consolidation is what brings them back. Every interval, on every replica, each site that is quiet
 * ({@link AutoConsolidationSites}) is planned with the operator's planner; a plan that frees at least
 * {@code min-hosts-freed} hosts starts exactly as an APPLY without a plan id starts: the same moves, the
 * same {@code SiteConsolidationChanged} events, driven on by {@link ConsolidationProgress}, cancelled by
 * the ordinary CANCEL of the site. Its request id says it came from the schedule.
 *
 * <p>Each site is decided in one transaction holding the site's row ({@code SKIP LOCKED}, as the other
 * per-site sweeps), after checking again that it is still quiet; the one-APPLYING-per-site index is
 * the last guard against a concurrent APPLY.
 */
@ApplicationScoped
public class AutoConsolidation {
    private static final Logger LOG = Logger.getLogger(AutoConsolidation.class);

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    AutoConsolidationSites candidates;
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
    @Inject
    Scheduler scheduler;

    @ConfigProperty(name = AutoConsolidationSettings.PREFIX + "interval")
    Optional<Duration> interval;
    @ConfigProperty(name = AutoConsolidationSettings.PREFIX + "min-hosts-freed", defaultValue = "1")
    int minHostsFreed;
    @ConfigProperty(name = AutoConsolidationSettings.PREFIX + "max-moves",
            defaultValue = "" + ConsolidationPlanner.DEFAULT_MAX_MOVES)
    int maxMoves;
    @ConfigProperty(name = "edgefleet.placement.consolidation.budget", defaultValue = "200ms")
    Duration budget;

    private AutoConsolidationSettings settings;
    private LoopPulse pulse;

    void onStart(@Observes StartupEvent event) {
        settings = AutoConsolidationSettings.of(interval, minHostsFreed, maxMoves);
        if (!settings.enabled()) {
            return;
        }
        // A round plans every quiet site (a budget each); it may honestly take a while, never three intervals.
        pulse = new LoopPulse("automatic consolidation", Duration.ofMinutes(5).plus(settings.interval().multipliedBy(3)));
        pulse.started(null);
        // The first round soon after start, not an interval later: restarts more often than the interval
        // would otherwise keep it from ever running. Sites consolidated lately are skipped anyway.
        Duration delay = settings.interval().compareTo(Duration.ofMinutes(1)) < 0 ? settings.interval()
                : Duration.ofMinutes(1);
        scheduler.newJob(AutoConsolidation.class.getName()).setInterval(settings.interval().toString())
                .setDelayed(delay.toString()).setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> round()).schedule();
        LOG.infof("automatic consolidation every %s (at least %d hosts freed, at most %d moves)",
                settings.interval(), settings.minHostsFreed(), settings.maxMoves());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (pulse != null) {
            pulse.stopped();
        }
    }

    /** Whether rounds keep completing (liveness); empty when the schedule is off. */
    public Optional<LoopPulse> pulse() {
        return Optional.ofNullable(pulse);
    }

    void round() {
        try {
            List<String> siteIds;
            try (Connection c = dataSource.getConnection()) {
                siteIds = candidates.candidates(c, settings.interval());
            }
            for (String siteId : siteIds) {
                consider(siteId);
                pulse.turned();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("automatic consolidation round failed, the next one retries: %s", e.toString());
        } finally {
            pulse.turned();
        }
    }

    private void consider(String siteId) {
        Optional<Consolidation> started = Optional.empty();
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                Optional<SiteWork> site = Optional.empty();
                Batch batch = new Batch(tx, sites);
                if (sites.tryLock(tx, siteId) && candidates.quiet(tx, siteId, settings.interval())) {
                    site = batch.site(siteId);
                }
                ConsolidationPlanner.Plan plan = site.isEmpty() ? null
                        : new ConsolidationPlanner(budget).plan(site.get().state(), settings.maxMoves());
                if (plan == null || !settings.worthStarting(plan)) {
                    tx.rollback();
                    return;
                }
                Consolidation c = Consolidation.planned(AutoConsolidationSettings.requestId(siteId, Instant.now()),
                        siteId, ConsolidationState.APPLYING, plan);
                c = c.with(ConsolidationState.APPLYING, starter.startNext(batch, site.get(), c), List.of(), null);
                store.insert(tx, c);
                batch.emit(c.event());
                plans.finish(batch);
                tx.commit();
                batch.committed();
                relay.handOver(batch.outboxed());
                started = Optional.of(c);
            } catch (SQLException | ConcurrentAllocationException | RuntimeException e) {
                tx.rollback();
                if (e instanceof ConcurrentAllocationException) {
                    sites.cache().forgetAll();
                }
                LOG.debugf("automatic consolidation of site %s rolled back, the next round retries: %s", siteId,
                        e.toString());
            }
        } catch (SQLException e) {
            LOG.debugf("automatic consolidation of site %s not done: %s", siteId, e.toString());
        }
        started.ifPresent(c -> {
            metrics.autoStarted();
            LOG.infof("site %s: automatic consolidation %s started, %d moves to free hosts %s", c.siteId(),
                    c.requestId(), c.moves().size(), c.hostsToFree());
        });
    }
}
