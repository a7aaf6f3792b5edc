package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.Topics;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostState;
import io.edgefleet.localstack.KafkaTopics;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.store.HeartbeatStore;
import io.edgefleet.placement.store.Liveness;
import io.edgefleet.placement.store.ReportClockStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Liveness on the report clock (ADR 0011), over the real stack with the test profile's 1 s sweep:
 * reports waiting in a backlog never make healthy hosts DOWN, a silent site still goes DOWN after
 * 3 intervals (on an idle partition, with the whole fleet silent, and next to a busy neighbour),
 * and a heartbeat that repeats the stored inventory writes the site row only.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class HeartbeatLivenessTest extends FlowTest {
    /** What the test heartbeats announce: DOWN after 3 s of silence. */
    private static final int INTERVAL_S = 1;

    @Inject
    HeartbeatStore heartbeats;
    @Inject
    Liveness liveness;
    @Inject
    ReportClockStore reportClock;

    @Test
    void aBacklogOfReportsNeverMarksHealthyHostsDown() throws Exception {
        String site = "backlog-1";
        // On the same report partition, and before it in id order: the batch that stops at the
        // blocker's row has not locked the site's row (a sweep could mark its hosts if it judged wrongly).
        String blocker = onSamePartition("backlog-0", site);
        flow.send(TestFleet.heartbeat(blocker, 1));
        // A 2 s interval (DOWN after 6 s): a short stall of the test's own producer on a busy machine is no silence.
        try (Agent agent = new Agent(site, 3, 300, 2)) {
            flow.awaitSiteKnown(blocker);
            awaitStates(site, Map.of("h1", "READY", "h2", "READY", "h3", "READY"));
            try (Connection hold = dataSource.getConnection()) {
                hold.setAutoCommit(false);
                try (PreparedStatement ps = hold.prepareStatement("select 1 from site where site_id = ? for update")) {
                    ps.setString(1, blocker);
                    ps.executeQuery().close();
                }
                // The report consumer stops at this heartbeat until the lock goes: the site's own
                // heartbeats wait behind it, as behind a backlog.
                flow.send(TestFleet.heartbeat(blocker, 1));
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < end) {
                    assertTrue(states(site).values().stream().noneMatch("DOWN"::equals),
                            "a host went DOWN while its heartbeats waited: " + states(site));
                    Thread.sleep(200);
                }
                Instant applied = lastHeartbeat(site);
                assertTrue(applied.isBefore(Instant.now().minusSeconds(7)),
                        "the backlog held the site's heartbeats for more than 3 intervals (last applied " + applied + ")");
                assertTrue(agent.sent() > 25, "the agent kept sending: " + agent.sent());
                hold.rollback();
            }
            // The backlog applies; no host of the site was DOWN at any time.
            awaitTrue(() -> lastHeartbeat(site).isAfter(Instant.now().minusSeconds(2)), "the backlog applied");
            assertEquals(Map.of("h1", "READY", "h2", "READY", "h3", "READY"), states(site));
        }
    }

    @Test
    void aSilentSiteGoesDownOnTimeWhenNoReportArrivesAnywhere() throws Exception {
        String site = "quiet-1";
        Instant last;
        try (Agent agent = new Agent(site, 3, 300)) {
            awaitStates(site, Map.of("h1", "READY", "h2", "READY", "h3", "READY"));
            Thread.sleep(1000);
            last = agent.stop();
        }
        // Every partition is idle and applied (caught up): its clock is the present.
        Instant down = awaitStates(site, Map.of("h1", "DOWN", "h2", "DOWN", "h3", "DOWN"));
        assertOnTime(last, down);
        // The same inventory again: the sweep dropped the stored hash, so the heartbeat writes the hosts READY.
        flow.send(TestFleet.heartbeat(site, 3, INTERVAL_S, i -> HostState.READY, i -> true));
        awaitStates(site, Map.of("h1", "READY", "h2", "READY", "h3", "READY"));
    }

    @Test
    void aSilentSiteGoesDownOnTimeWhileItsPartitionIsBusy() throws Exception {
        String site = "busy-quiet";
        String neighbour = onSamePartition("busy-neighbour", site);
        try (Agent busy = new Agent(neighbour, 3, 150)) {
            Instant last;
            try (Agent agent = new Agent(site, 3, 300)) {
                awaitStates(site, Map.of("h1", "READY", "h2", "READY", "h3", "READY"));
                awaitStates(neighbour, Map.of("h1", "READY", "h2", "READY", "h3", "READY"));
                Thread.sleep(1000);
                last = agent.stop();
            }
            Instant down = awaitStates(site, Map.of("h1", "DOWN", "h2", "DOWN", "h3", "DOWN"));
            assertOnTime(last, down);
            assertEquals(Map.of("h1", "READY", "h2", "READY", "h3", "READY"), states(neighbour),
                    "the neighbour kept beating");
        }
    }

    @Test
    void silenceIsJudgedOnTheClockOfTheSitesReportPartition() throws Exception {
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant longAgo = t0.minusSeconds(3600);
        // Partitions no real site reports on, and every other clock an hour back: only these sites are judged.
        int p = 1000;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                // Heard 10 s ago on partition p, interval 1 s.
                TestFleet.store(heartbeats, tx, TestFleet.heartbeat("clock-1", 2, 1, i -> HostState.READY, i -> true),
                        p, t0.minusSeconds(10));
                assertTrue(liveness.markSilentHostsDown(tx, 3, longAgo,
                        new Liveness.Clocks(Map.of(p, t0.minusSeconds(8)), longAgo)).isEmpty(),
                        "2 s of report time (the consumer is 8 s behind) is no silence, whatever the wall clock says");
                assertTrue(liveness.markSilentHostsDown(tx, 3, longAgo,
                        new Liveness.Clocks(Map.of(p + 1, t0), longAgo)).isEmpty(),
                        "another partition's clock says nothing about this one");
                assertEquals(List.of("clock-1/h1", "clock-1/h2"), names(liveness.markSilentHostsDown(tx, 3, longAgo,
                        new Liveness.Clocks(Map.of(p, t0.minusSeconds(6)), longAgo))),
                        "4 s of report time without a heartbeat is silence");
                assertNull(inventoryHash(tx, "clock-1"), "the next heartbeat writes the hosts again");

                // h1 and h2 listed 20 s ago, then only h1 10 s ago; the same inventory again 1 s ago (site row only).
                TestFleet.store(heartbeats, tx, TestFleet.heartbeat("clock-2", 2, 1, i -> HostState.READY, i -> true),
                        p, t0.minusSeconds(20));
                AgentHeartbeat onlyH1 = TestFleet.heartbeat("clock-2", 2, 1, i -> HostState.READY, i -> i == 1);
                TestFleet.store(heartbeats, tx, onlyH1, p, t0.minusSeconds(10));
                TestFleet.storeLiveness(heartbeats, tx, onlyH1, p, t0.minusSeconds(1));
                assertEquals(List.of("clock-2/h2"), names(liveness.markSilentHostsDown(tx, 3, longAgo,
                        new Liveness.Clocks(Map.of(p, t0), longAgo))),
                        "a host the current inventory lists is seen with its site; one it dropped is not");

                // The report clock never moves back (a redelivery after a rebalance is older).
                reportClock.advance(tx, List.of(new ReportClockStore.Position("test.clock", 3, 10, t0)));
                reportClock.advance(tx, List.of(new ReportClockStore.Position("test.clock", 3, 7, t0.minusSeconds(5))));
                assertEquals(List.of(new ReportClockStore.Position("test.clock", 3, 10, t0)),
                        reportClock.read(tx, "test.clock"));
            } finally {
                tx.rollback();
            }
        }
    }

    @Test
    void aHeartbeatThatRepeatsTheInventoryWritesOnlyTheSiteRow() throws Exception {
        String site = "lean-1";
        flow.send(TestFleet.heartbeat(site, 3));
        awaitStates(site, Map.of("h1", "READY", "h2", "READY", "h3", "READY"));
        Map<String, String> versions = rowVersions(site);
        long generation = generation(site, "h2");
        double before = heartbeatsMetric("liveness");
        for (int i = 0; i < 3; i++) {
            Thread.sleep(20);
            flow.send(TestFleet.heartbeat(site, 3));
        }
        awaitTrue(() -> heartbeatsMetric("liveness") >= before + 3, "3 heartbeats applied as liveness only");
        assertEquals(versions, rowVersions(site), "no host row written");

        // A change (h2 cordoned) writes the hosts, and bumps h2's generation.
        flow.send(TestFleet.heartbeat(site, 3, 3600, i -> i == 2 ? HostState.CORDONED : HostState.READY, i -> true));
        awaitStates(site, Map.of("h1", "READY", "h2", "CORDONED", "h3", "READY"));
        assertEquals(generation + 1, generation(site, "h2"));
        assertNotEquals(versions.get("h2"), rowVersions(site).get("h2"));
    }

    private static List<String> names(List<String[]> hosts) {
        return hosts.stream().map(h -> h[0] + "/" + h[1]).sorted().toList();
    }

    /** Down no earlier than 3 intervals after the last heartbeat, and at most a few sweeps later. */
    private static void assertOnTime(Instant last, Instant down) {
        Duration silent = Duration.between(last, down);
        assertTrue(silent.compareTo(Duration.ofMillis(3 * INTERVAL_S * 1000L - 200)) >= 0, "DOWN too early: " + silent);
        assertTrue(silent.compareTo(Duration.ofSeconds(9)) <= 0, "DOWN too late: " + silent);
    }

    /** A site id {@code prefix-N} on the report partition of {@code other}. */
    private static String onSamePartition(String prefix, String other) {
        int partitions = KafkaTopics.FLEET.stream().filter(t -> t.name().equals(Topics.SITE_REPORTS)).findFirst()
                .orElseThrow().partitions();
        int target = partition(other, partitions);
        for (int n = 0; ; n++) {
            if (partition(prefix + "-" + n, partitions) == target) {
                return prefix + "-" + n;
            }
        }
    }

    /** The producer's default partitioner for a keyed record. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A site agent: a heartbeat of {@code hosts} READY hosts every {@code everyMillis}, announcing {@code intervalS}. */
    private final class Agent implements AutoCloseable {
        private final AtomicBoolean beating = new AtomicBoolean(true);
        private final AtomicReference<Instant> last = new AtomicReference<>();
        private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread thread;

        private final int intervalS;

        Agent(String siteId, int hosts, long everyMillis) throws InterruptedException {
            this(siteId, hosts, everyMillis, INTERVAL_S);
        }

        Agent(String siteId, int hosts, long everyMillis, int intervalS) throws InterruptedException {
            this.intervalS = intervalS;
            beat(siteId, hosts); // enrols the site, from this thread
            flow.awaitSiteKnown(siteId);
            thread = new Thread(() -> {
                while (beating.get()) {
                    sleep(everyMillis);
                    if (beating.get()) {
                        beat(siteId, hosts);
                    }
                }
            }, "agent-" + siteId);
            thread.start();
        }

        private void beat(String siteId, int hosts) {
            flow.send(TestFleet.heartbeat(siteId, hosts, intervalS, i -> HostState.READY, i -> true));
            last.set(Instant.now());
            sent.incrementAndGet();
        }

        int sent() {
            return sent.get();
        }

        /** Stops beating; returns when the last heartbeat was acknowledged by the broker. */
        Instant stop() throws InterruptedException {
            beating.set(false);
            thread.join();
            return last.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    private long generation(String siteId, String hostId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select generation from host where site_id = ? and host_id = ?")) {
            ps.setString(1, siteId);
            ps.setString(2, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String inventoryHash(Connection tx, String siteId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select inventory_hash from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Waits until the site's hosts are exactly in these states; returns when that was first seen. */
    private Instant awaitStates(String siteId, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (states(siteId).equals(expected)) {
                return Instant.now();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("hosts of " + siteId + " are " + states(siteId) + ", not " + expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
