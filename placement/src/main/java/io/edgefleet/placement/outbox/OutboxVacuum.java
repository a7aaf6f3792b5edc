package io.edgefleet.placement.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Vacuums the outbox once the relay has deleted enough rows. The outbox is a queue: at 4,000
 * requests/s some 10,000 rows a second are inserted and deleted again, and autovacuum visits a
 * database only once a minute. Until a vacuum, the dead rows stay in the id index the relay scans
 * from its front on every poll; measured at 4,000 requests/s that scan cost more than publishing
 * (over 1,000 buffers read to find no row). {@code SKIP_LOCKED}: never waits for another vacuum
 * (another replica's relay, or autovacuum) of the same table.
 */
final class OutboxVacuum {
    private static final Logger LOG = Logger.getLogger(OutboxVacuum.class);

    private final long everyRows;
    private final AtomicBoolean running = new AtomicBoolean();
    private long deletedSince;

    /** @param everyRows vacuum after this many deleted rows; 0 or less: never (autovacuum only) */
    OutboxVacuum(long everyRows) {
        this.everyRows = everyRows;
    }

    /** Counts deleted rows; true when they reached the threshold (the count starts again). */
    boolean due(int deletedRows) {
        if (everyRows <= 0) {
            return false;
        }
        deletedSince += deletedRows;
        if (deletedSince < everyRows) {
            return false;
        }
        deletedSince = 0;
        return true;
    }

    /**
     * Counts deleted rows and, once due, vacuums on {@code executor}, never on the relay's thread: a vacuum takes
     * 15-70 ms under load, and every plan waiting to be published would wait that long too. At most one at a time.
     */
    void afterDeleted(int deletedRows, DataSource dataSource, Executor executor) {
        if (due(deletedRows) && running.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    run(dataSource);
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /** Vacuums the outbox, outside any transaction; a failure is only a cost (autovacuum runs anyway). */
    static void run(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // VACUUM cannot run inside a transaction block
            try (Statement s = c.createStatement()) {
                s.execute("vacuum (skip_locked) outbox");
            }
        } catch (SQLException e) {
            LOG.debugf("vacuum of the outbox failed: %s", e.toString());
        }
    }
}
