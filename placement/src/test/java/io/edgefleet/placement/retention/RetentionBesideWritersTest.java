package io.edgefleet.placement.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A purge beside other writers, each side's transaction held open on purpose: neither waits for the other.
 * A wait would not pass unnoticed: the purge gives up a batch after its lock timeout (a failed run), and the
 * writers here set a lock timeout of their own, so a lock wait fails the test instead of hanging it. No
 * assertion is about time.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class RetentionBesideWritersTest {
    private static final RetentionSettings THIRTY_DAYS = new RetentionSettings(Duration.ofDays(30), 500, Duration.ZERO);
    private static final Duration PERIOD = THIRTY_DAYS.period();

    @Inject
    DataSource dataSource;
    @Inject
    RetentionJob job;
    @Inject
    RetentionStore store;

    StoreRows rows;
    String run;
    String site;

    @BeforeEach
    void start() throws SQLException {
        rows = new StoreRows(dataSource);
        run = UUID.randomUUID().toString().substring(0, 8);
        site = "ret-w-" + run;
        rows.site(site, "h1");
        job.purge(THIRTY_DAYS); // leftovers of earlier tests, so the counts below are this test's own
    }

    @Test
    void twoPurgesAtOnceSplitTheRowsAndDeleteEachOnce() throws SQLException {
        for (int i = 0; i < 6; i++) {
            rows.request(id("r-" + i), 31 + i);
        }
        for (int i = 0; i < 4; i++) {
            rows.cluster(id("c-" + i), site, "DELETED", 31 + i);
        }
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            // One replica's batches, not yet committed: they hold the oldest rows.
            assertEquals(2, store.purge(first, PurgeKind.REQUEST, PERIOD, 2));
            assertEquals(1, store.purge(first, PurgeKind.CLUSTER, PERIOD, 1));

            PurgeRun second = job.purge(THIRTY_DAYS);

            assertFalse(second.failedAny(), "the second purge skipped the held rows instead of waiting for them");
            assertEquals(4, second.rows(PurgeKind.REQUEST));
            assertEquals(3, second.rows(PurgeKind.CLUSTER));
            first.commit();
        }
        assertEquals(0, rows.count("select count(*) from request where request_id like ?", "%-" + run));
        assertEquals(0, rows.count("select count(*) from cluster where site_id = ?", site));
    }

    @Test
    void aPurgeNeedsNoLockTheWritePathHolds() throws SQLException {
        String ended = id("c-ended");
        String stillWritten = id("c-still-written");
        rows.cluster(ended, site, "DELETED", 40);
        rows.cluster(stillWritten, site, "FAILED", 40);
        rows.networkFunction(id("nf-ended"), site, ended, "DELETED", 40);
        rows.request(id("r-old"), 40);
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            // What a request batch holds while it decides: its site's row and host rows, locked in that
            // order, a claim on a host's generation, and here also an ended cluster it still updates.
            execute(writer, "select 1 from site where site_id = ? for update", site);
            execute(writer, "select 1 from host where site_id = ? order by host_id for update", site);
            execute(writer, "update host set generation = generation + 1 where site_id = ?", site);
            execute(writer, "update cluster set reason = 'written' where cluster_id = ?", stillWritten);

            PurgeRun purge = job.purge(THIRTY_DAYS);

            assertFalse(purge.failedAny(), "no batch waited out its lock timeout");
            assertEquals(1, purge.rows(PurgeKind.CLUSTER), "the ended cluster nobody writes");
            assertEquals(1, purge.rows(PurgeKind.NETWORK_FUNCTION));
            assertEquals(1, purge.rows(PurgeKind.REQUEST));
            assertFalse(rows.exists("cluster", "cluster_id", ended));
            assertTrue(rows.exists("cluster", "cluster_id", stillWritten), "skipped while a writer holds it");
            writer.commit();
        }
        assertEquals(1, job.purge(THIRTY_DAYS).rows(PurgeKind.CLUSTER), "taken by the next run");
        assertFalse(rows.exists("cluster", "cluster_id", stillWritten));
    }

    @Test
    void theWritePathGoesOnWhileAPurgeBatchIsOpen() throws SQLException {
        rows.cluster(id("c-ended"), site, "DELETED", 40);
        rows.vip(site, 200, id("c-ended"));
        rows.networkFunction(id("nf-ended"), site, id("c-ended"), "DELETED", 40);
        rows.request(id("r-old"), 40);
        try (Connection purge = dataSource.getConnection()) {
            purge.setAutoCommit(false);
            assertEquals(1, store.purge(purge, PurgeKind.NETWORK_FUNCTION, PERIOD, 500));
            assertEquals(1, store.purge(purge, PurgeKind.CLUSTER, PERIOD, 500));
            assertEquals(1, store.purge(purge, PurgeKind.REQUEST, PERIOD, 500));

            // A request batch on the same site commits while the purge batch holds its rows.
            try (Connection writer = dataSource.getConnection()) {
                writer.setAutoCommit(false);
                execute(writer, "set local lock_timeout = '10s'");
                execute(writer, "select 1 from site where site_id = ? for update", site);
                execute(writer, "select 1 from host where site_id = ? order by host_id for update", site);
                execute(writer, "update site set plan_version = plan_version + 1 where site_id = ?", site);
                execute(writer, "update host set generation = generation + 1 where site_id = ?", site);
                execute(writer, "select cluster_id from cluster where site_id = ? and status not in ('DELETED',"
                        + " 'FAILED')", site);
                execute(writer, "insert into cluster (cluster_id, team, site_id, kubernetes_version, spec, status)"
                        + " values (?, 'team-r', ?, '1.31.2', '{}'::jsonb, 'PLACED')", id("c-new"), site);
                execute(writer, "insert into allocation (holder_id, kind, owner_id, team, site_id, host_id, numa_node,"
                        + " vcpu, pinned_cores, memory_mib, hugepages, vfs, disk_gib, cluster_id) values (?,"
                        + " 'CONTROL_PLANE', ?, 'team-r', ?, 'h1', 0, 2, 0, 4096, 0, '{}'::jsonb, 20, ?)",
                        id("c-new") + "/cp-0", id("c-new"), site, id("c-new"));
                execute(writer, "insert into microvm_address (site_id, ip_address, vip_cluster_id) values (?, 201, ?)",
                        site, id("c-new"));
                execute(writer, "insert into request (request_id, kind, outcome_type, outcome) values (?,"
                        + " 'CLUSTER_CREATE', 'accepted', '{}')", id("r-new"));
                writer.commit();
            }
            purge.commit();
        }
        assertFalse(rows.exists("cluster", "cluster_id", id("c-ended")));
        assertFalse(rows.exists("microvm_address", "vip_cluster_id", id("c-ended")));
        assertTrue(rows.exists("cluster", "cluster_id", id("c-new")));
        assertTrue(rows.exists("microvm_address", "vip_cluster_id", id("c-new")));
        assertTrue(rows.exists("request", "request_id", id("r-new")));
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        if (args.length == 0) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
