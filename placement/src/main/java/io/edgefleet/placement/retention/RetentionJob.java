package io.edgefleet.placement.retention;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Purges what placement no longer needs, every {@code edgefleet.placement.retention.interval}: network
 * functions and clusters that ended (DELETED, FAILED) more than {@code period} ago, and request log rows
 * received that long ago ({@link RetentionStore} says what is kept and why). Each kind goes in batches of
 * {@code batch-size} rows, one short transaction each, with {@code pause} between them, until a batch
 * comes back short. One log line per run gives the counts.
 *
 * <p>Every replica runs it; no leader is needed: rows are locked {@code SKIP LOCKED}, so two replicas
 * purging at once take different rows, and each counts only the rows its own committed batches deleted.
 * On one replica runs never overlap (a run still busy when the next is due makes that one skip).
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    DataSource dataSource;
    @Inject
    RetentionStore store;
    @Inject
    RetentionMetrics metrics;

    @ConfigProperty(name = "edgefleet.placement.retention.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "edgefleet.placement.retention.period", defaultValue = "30d")
    Duration period;
    @ConfigProperty(name = "edgefleet.placement.retention.batch-size", defaultValue = "500")
    int batchSize;
    @ConfigProperty(name = "edgefleet.placement.retention.pause", defaultValue = "50ms")
    Duration pause;

    /** The settings scheduled runs use; null while retention is off (switched off, or misconfigured). */
    private volatile RetentionSettings settings;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("retention is off (edgefleet.placement.retention.enabled=false): ended clusters, network"
                    + " functions and the request log are kept for ever");
            return;
        }
        RetentionSettings configured = new RetentionSettings(period, batchSize, pause);
        Optional<String> problem = configured.problem();
        if (problem.isPresent()) {
            // Placement serves requests all the same; only the store keeps growing until this is fixed.
            LOG.errorf("retention is off: %s", problem.get());
            return;
        }
        if (configured.shorterThanRequestTopic()) {
            LOG.warnf("edgefleet.placement.retention.period=%s is shorter than the %s the request topic keeps"
                    + " records: a request delivered again after its log row was purged is decided again",
                    format(period), format(RetentionSettings.REQUEST_TOPIC_RETENTION));
        }
        settings = configured;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // a run in progress ends after its current batch
    }

    @Scheduled(identity = "placement-retention", every = "${edgefleet.placement.retention.interval:10m}",
            delayed = "${edgefleet.placement.retention.delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        RetentionSettings current = settings;
        if (current != null) {
            purge(current);
        }
    }

    /** One run with these settings: every kind, batch after batch; logs and counts what it deleted. */
    public PurgeRun purge(RetentionSettings with) {
        long t0 = System.nanoTime();
        PurgeRun run = new PurgeRun();
        for (PurgeKind kind : PurgeKind.values()) {
            purgeKind(kind, with, run);
        }
        countRemaining(with, run);
        LOG.infof("retention: purged %d network functions, %d clusters and %d requests older than %s in %d"
                        + " batches (%d ms)%s; still there: %d network functions and %d clusters ended before then"
                        + " (held by something live, or locked by a writer)",
                run.rows(PurgeKind.NETWORK_FUNCTION), run.rows(PurgeKind.CLUSTER), run.rows(PurgeKind.REQUEST),
                format(with.period()), run.batches(PurgeKind.NETWORK_FUNCTION) + run.batches(PurgeKind.CLUSTER)
                        + run.batches(PurgeKind.REQUEST), (System.nanoTime() - t0) / 1_000_000,
                run.failedAny() ? " (a batch failed, the next run goes on)" : "",
                run.remaining(PurgeKind.NETWORK_FUNCTION), run.remaining(PurgeKind.CLUSTER));
        return run;
    }

    private void purgeKind(PurgeKind kind, RetentionSettings with, PurgeRun run) {
        while (!stopping) {
            int deleted;
            try {
                deleted = batch(kind, with);
            } catch (SQLException e) {
                // A lock wait that timed out, a deadlock, the database away: nothing was deleted by
                // this batch, and the next run starts again where this one stopped.
                LOG.warnf("retention: purging %s failed, the next run tries again: %s", kind.plural, e.toString());
                run.failed();
                return;
            }
            if (deleted > 0) {
                run.batch(kind, deleted);
                metrics.purged(kind, deleted);
            }
            if (deleted < with.batchSize()) {
                return; // nothing older is left (or what is left is held or locked)
            }
            if (!pause(with.pause())) {
                return;
            }
        }
    }

    /** One batch in its own transaction, committed before the pause so no lock outlives it. */
    private int batch(PurgeKind kind, RetentionSettings with) throws SQLException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                int deleted = store.purge(tx, kind, with.period(), with.batchSize());
                tx.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(tx);
                throw e;
            }
        }
    }

    private void countRemaining(RetentionSettings with, PurgeRun run) {
        try (Connection c = dataSource.getConnection()) {
            run.remaining(PurgeKind.NETWORK_FUNCTION, store.remaining(c, PurgeKind.NETWORK_FUNCTION, with.period()));
            run.remaining(PurgeKind.CLUSTER, store.remaining(c, PurgeKind.CLUSTER, with.period()));
        } catch (SQLException e) {
            LOG.debugf("retention: counting what is left failed: %s", e.toString());
        }
    }

    private static boolean pause(Duration pause) {
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback failed (connection lost?): %s", e.toString());
        }
    }

    /** A period as an operator writes it: 30d, 12h, 45m, or seconds. */
    static String format(Duration d) {
        long s = d.getSeconds();
        if (s > 0 && d.getNano() == 0) {
            if (s % 86_400 == 0) {
                return s / 86_400 + "d";
            }
            if (s % 3_600 == 0) {
                return s / 3_600 + "h";
            }
            if (s % 60 == 0) {
                return s / 60 + "m";
            }
        }
        return d.toMillis() / 1000.0 + "s";
    }
}
