package io.edgefleet.placement.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.metrics.FleetMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge against the real PostgreSQL: exactly the rows ended (or received) longer ago than the period go,
 * with what only they held; everything live, recent, or still held by something live stays.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class RetentionPurgeTest {
    private static final RetentionSettings THIRTY_DAYS = new RetentionSettings(Duration.ofDays(30), 500, Duration.ZERO);

    @Inject
    DataSource dataSource;
    @Inject
    RetentionJob job;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "edgefleet.placement.retention.period")
    Duration configuredPeriod;
    @ConfigProperty(name = "edgefleet.placement.retention.batch-size")
    int configuredBatchSize;
    @ConfigProperty(name = "edgefleet.placement.retention.pause")
    Duration configuredPause;

    StoreRows rows;
    String run;

    @BeforeEach
    void start() {
        rows = new StoreRows(dataSource);
        run = UUID.randomUUID().toString().substring(0, 8);
        // Whatever an earlier test left that is old enough goes now, so each test counts only its own rows.
        job.purge(THIRTY_DAYS);
    }

    @Test
    void purgesExactlyTheOldEndedRowsAndWhatOnlyTheyHeld() throws SQLException {
        String site = "ret-" + run;
        rows.site(site, "h1");
        String oldDeleted = id("c-old-deleted");
        String oldFailed = id("c-old-failed");
        String recentlyDeleted = id("c-recent");
        String live = id("c-live");
        String allocated = id("c-allocated");
        String retiring = id("c-retiring");
        String withSecret = id("c-secret");
        String withLiveNf = id("c-live-nf");
        rows.cluster(oldDeleted, site, "DELETED", 40);
        rows.vip(site, 100, oldDeleted);
        rows.cluster(oldFailed, site, "FAILED", 31);
        rows.cluster(recentlyDeleted, site, "DELETED", 29);
        rows.cluster(live, site, "READY", 400);
        rows.vip(site, 101, live);
        rows.allocation(live + "/cp-0", "CONTROL_PLANE", live, live, site, "h1");
        // Ended long ago, but something live still names each one: they wait for their owners to let go.
        rows.cluster(allocated, site, "DELETED", 40);
        rows.allocation(allocated + "/w-0", "WORKER_VM", allocated, allocated, site, "h1");
        rows.cluster(retiring, site, "DELETED", 40);
        rows.retiring(retiring + "-cp-0", site, retiring, "h1", live + "-cp-0");
        rows.cluster(withSecret, site, "FAILED", 40);
        rows.secret(withSecret, site);
        rows.cluster(withLiveNf, site, "DELETED", 40);

        String nfOldDeleted = id("nf-old-deleted");
        String nfOldFailed = id("nf-old-failed");
        String nfFailedHolding = id("nf-failed-holding");
        String nfRecent = id("nf-recent");
        String nfLive = id("nf-live");
        rows.networkFunction(nfOldDeleted, site, oldDeleted, "DELETED", 40);
        rows.networkFunction(nfOldFailed, site, live, "FAILED", 40);
        rows.networkFunction(nfFailedHolding, site, live, "FAILED", 40);
        rows.allocation(nfFailedHolding + "/0", "NF_REPLICA", nfFailedHolding, live, site, "h1");
        rows.networkFunction(nfRecent, site, live, "DELETED", 1);
        rows.networkFunction(nfLive, site, withLiveNf, "RUNNING", 400);

        rows.request(id("r-old-1"), 31);
        rows.request(id("r-old-2"), 90);
        rows.request(id("r-recent"), 29);
        rows.request(id("r-now"), 0);

        Map<PurgeKind, Double> before = counters();
        PurgeRun purge = job.purge(THIRTY_DAYS);

        assertEquals(2, purge.rows(PurgeKind.CLUSTER));
        assertEquals(2, purge.rows(PurgeKind.NETWORK_FUNCTION));
        assertEquals(2, purge.rows(PurgeKind.REQUEST));
        assertFalse(purge.failedAny());
        for (String gone : new String[] {oldDeleted, oldFailed}) {
            assertFalse(rows.exists("cluster", "cluster_id", gone), gone);
        }
        for (String kept : new String[] {recentlyDeleted, live, allocated, retiring, withSecret, withLiveNf}) {
            assertTrue(rows.exists("cluster", "cluster_id", kept), kept);
        }
        assertFalse(rows.exists("microvm_address", "vip_cluster_id", oldDeleted), "the purged cluster's VIP lease");
        assertTrue(rows.exists("microvm_address", "vip_cluster_id", live), "a live cluster's VIP lease");
        assertEquals(3, rows.count("select count(*) from allocation where site_id = ?", site), "no allocation goes");
        assertTrue(rows.exists("retiring_microvm", "cluster_id", retiring));
        assertTrue(rows.exists("cluster_secret", "cluster_id", withSecret), "secrets go through their issuer only");

        for (String gone : new String[] {nfOldDeleted, nfOldFailed}) {
            assertFalse(rows.exists("network_function", "nf_id", gone), gone);
        }
        for (String kept : new String[] {nfFailedHolding, nfRecent, nfLive}) {
            assertTrue(rows.exists("network_function", "nf_id", kept), kept);
        }

        assertFalse(rows.exists("request", "request_id", id("r-old-1")));
        assertFalse(rows.exists("request", "request_id", id("r-old-2")));
        assertTrue(rows.exists("request", "request_id", id("r-recent")));
        assertTrue(rows.exists("request", "request_id", id("r-now")));

        Map<PurgeKind, Double> after = counters();
        for (PurgeKind kind : PurgeKind.values()) {
            assertEquals(purge.rows(kind), after.get(kind) - before.get(kind), 1e-9, "metric of " + kind);
        }
        // The four held clusters and the NF holding a replica: the log line's "still there".
        assertTrue(purge.remaining(PurgeKind.CLUSTER) >= 4, "remaining " + purge.remaining(PurgeKind.CLUSTER));
        assertTrue(purge.remaining(PurgeKind.NETWORK_FUNCTION) >= 1);

        // Once the owners let go, the next run takes them.
        rows.update("delete from allocation where holder_id = ?", allocated + "/w-0");
        rows.update("delete from cluster_secret where cluster_id = ?", withSecret);
        PurgeRun next = job.purge(THIRTY_DAYS);
        assertEquals(2, next.rows(PurgeKind.CLUSTER));
        assertFalse(rows.exists("cluster", "cluster_id", allocated));
        assertFalse(rows.exists("cluster", "cluster_id", withSecret));
        assertTrue(rows.exists("cluster", "cluster_id", retiring));
    }

    @Test
    void eachKindGoesInBatchesOfTheBatchSize() throws SQLException {
        String site = "ret-" + run;
        rows.site(site, "h1");
        for (int i = 0; i < 5; i++) {
            rows.cluster(id("c-batch-" + i), site, "DELETED", 31 + i);
            rows.networkFunction(id("nf-batch-" + i), site, id("c-batch-" + i), "DELETED", 31 + i);
            rows.request(id("r-batch-" + i), 31 + i);
        }
        rows.request(id("r-batch-5"), 40);

        PurgeRun purge = job.purge(new RetentionSettings(Duration.ofDays(30), 2, Duration.ofMillis(1)));

        assertEquals(5, purge.rows(PurgeKind.CLUSTER));
        assertEquals(3, purge.batches(PurgeKind.CLUSTER), "2 + 2 + 1");
        assertEquals(5, purge.rows(PurgeKind.NETWORK_FUNCTION));
        assertEquals(3, purge.batches(PurgeKind.NETWORK_FUNCTION));
        assertEquals(6, purge.rows(PurgeKind.REQUEST));
        assertEquals(3, purge.batches(PurgeKind.REQUEST), "2 + 2 + 2, then an empty batch that counts for nothing");
        assertEquals(0, rows.count("select count(*) from cluster where site_id = ?", site));
    }

    @Test
    void theSettingsComeFromTheConfiguredDefaultsAndBadOnesAreNamed() {
        assertEquals(Duration.ofDays(30), configuredPeriod, "the default 30d is read as 30 days");
        assertEquals(500, configuredBatchSize);
        assertTrue(new RetentionSettings(configuredPeriod, configuredBatchSize, configuredPause).problem().isEmpty());
        assertTrue(new RetentionSettings(Duration.ZERO, 500, Duration.ZERO).problem().orElseThrow()
                .contains("edgefleet.placement.retention.period"));
        assertTrue(new RetentionSettings(Duration.ofDays(1), 0, Duration.ZERO).problem().orElseThrow()
                .contains("edgefleet.placement.retention.batch-size"));
        assertTrue(new RetentionSettings(Duration.ofDays(1), 1_000_000, Duration.ZERO).problem().isPresent());
        assertTrue(new RetentionSettings(Duration.ofDays(1), 5, Duration.ofMillis(-1)).problem().orElseThrow()
                .contains("edgefleet.placement.retention.pause"));
        assertTrue(new RetentionSettings(Duration.ofDays(6), 5, Duration.ZERO).shorterThanRequestTopic());
        assertFalse(THIRTY_DAYS.shorterThanRequestTopic());
        assertEquals("30d", RetentionJob.format(Duration.ofDays(30)));
        assertEquals("36h", RetentionJob.format(Duration.ofHours(36)));
    }

    @Test
    void eachPurgeFindsItsRowsThroughItsV18Index() throws SQLException {
        Map<PurgeKind, String> indexes = Map.of(PurgeKind.CLUSTER, "cluster_ended",
                PurgeKind.NETWORK_FUNCTION, "network_function_ended", PurgeKind.REQUEST, "request_received");
        for (PurgeKind kind : PurgeKind.values()) {
            List<String> plan = new ArrayList<>();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    // The test tables are tiny, so a sequential scan would win: forbidding it shows which
                    // index the purge's predicate and order can use.
                    s.execute("set local enable_seqscan = off");
                }
                try (PreparedStatement ps = c.prepareStatement("explain " + RetentionStore.sql(kind))) {
                    ps.setDouble(1, Duration.ofDays(30).toSeconds());
                    ps.setInt(2, 500);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.add(rs.getString(1));
                        }
                    }
                }
                c.rollback();
            }
            assertTrue(plan.stream().anyMatch(line -> line.contains(indexes.get(kind))), String.join("\n", plan));
        }
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private Map<PurgeKind, Double> counters() {
        Map<PurgeKind, Double> out = new EnumMap<>(PurgeKind.class);
        for (PurgeKind kind : PurgeKind.values()) {
            out.put(kind, registry.get(FleetMetrics.RETENTION_PURGED).tag(FleetMetrics.TAG_KIND, kind.tag)
                    .counter().count());
        }
        return out;
    }
}
