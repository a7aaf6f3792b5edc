package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.Topics;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostState;
import io.edgefleet.localstack.KafkaTopics;
import io.edgefleet.localstack.LocalStack;
import io.edgefleet.placement.fleettest.LoadProducer;
import io.edgefleet.placement.fleettest.PlacementReplica;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Liveness with two placement processes in both consumer groups, each sweeping every second
 * (ADR 0011): while the replica that consumes a site's report partition is stuck, neither
 * replica's sweep marks the site's hosts DOWN, whatever the wall clock says; once the site
 * really falls silent, its hosts go DOWN after 3 intervals. The sweeps read the report clock
 * from PostgreSQL and the end offsets from the broker, so it does not matter which replica
 * consumes which partition.
 */
class TwoReplicasLivenessIT {
    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    /** DOWN after 6 s: a short stall of the test's own producer on a busy machine is no silence. */
    private static final int INTERVAL_S = 2;

    private LocalStack stack;
    private PlacementReplica a;
    private PlacementReplica b;

    @AfterEach
    void stopAll() {
        for (PlacementReplica r : new PlacementReplica[] {a, b}) {
            if (r != null) {
                r.stop();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void neitherReplicaMarksABackloggedSiteDownAndEitherMarksASilentOne() throws Exception {
        Path dir = Path.of("target", "two-replicas-liveness-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(dir);
        Path jar = PlacementReplica.copyApp(Path.of("target", "quarkus-app"), dir.resolve("app"));
        stack = LocalStack.onFreePorts(dir).start(false);
        // Unsigned heartbeats (signatures are SiteIdentityTest's subject); the lifecycle sweep every second.
        Map<String, String> config = Map.of("edgefleet.placement.identity.enforce", "false",
                "edgefleet.lifecycle.interval", "1s", "edgefleet.lifecycle.delay", "1s");
        a = PlacementReplica.start("placement-a", jar, dir, stack.bootstrapServers(), stack.postgres(), config);
        b = PlacementReplica.start("placement-b", jar, dir, stack.bootstrapServers(), stack.postgres(), config);
        a.awaitReady(GIVE_UP);
        b.awaitReady(GIVE_UP);

        String site = "edge-1";
        String blocker = onSamePartition("edge-0", site);
        try (LoadProducer producer = new LoadProducer(stack.bootstrapServers());
             Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl(), "postgres", "")) {
            producer.send("/liveness", TestFleet.heartbeat(blocker, 1));
            producer.flush();
            Instant last;
            try (Agent agent = new Agent(producer, site)) {
                awaitStates(db, site, "READY");
                awaitStates(db, blocker, "READY");
                try (Connection hold = DriverManager.getConnection(stack.postgres().jdbcUrl(), "postgres", "")) {
                    hold.setAutoCommit(false);
                    try (PreparedStatement ps = hold.prepareStatement("select 1 from site where site_id = ? for update")) {
                        ps.setString(1, blocker);
                        ps.executeQuery().close();
                    }
                    // Whichever replica consumes the partition stops here: the site's heartbeats wait behind.
                    producer.send("/liveness", TestFleet.heartbeat(blocker, 1));
                    producer.flush();
                    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (System.nanoTime() < end) {
                        assertTrue(states(db, site).values().stream().noneMatch("DOWN"::equals),
                                "a replica marked a backlogged host DOWN: " + states(db, site));
                        Thread.sleep(200);
                    }
                    assertTrue(lastHeartbeat(db, site).isBefore(Instant.now().minusSeconds(3 * INTERVAL_S + 1)),
                            "the site's heartbeats waited for more than 3 intervals");
                    hold.rollback();
                }
                long deadline = System.nanoTime() + GIVE_UP.toNanos();
                while (lastHeartbeat(db, site).isBefore(Instant.now().minusSeconds(2))) {
                    assertTrue(System.nanoTime() < deadline, "the backlog was never applied");
                    Thread.sleep(100);
                }
                assertEquals(Map.of("h1", "READY", "h2", "READY", "h3", "READY"), states(db, site));
                last = agent.stop();
            }
            Instant down = awaitStates(db, site, "DOWN");
            Duration silent = Duration.between(last, down);
            assertTrue(silent.compareTo(Duration.ofMillis(3 * INTERVAL_S * 1000L - 200)) >= 0, "DOWN too early: " + silent);
            assertTrue(silent.compareTo(Duration.ofSeconds(3 * INTERVAL_S + 6)) <= 0, "DOWN too late: " + silent);
            assertEquals(3.0, hostDowns(a) + hostDowns(b), "the site's 3 hosts were marked DOWN once each");
        }
    }

    private static double hostDowns(PlacementReplica replica) {
        return replica.metrics().lines().filter(l -> l.startsWith("fleet_lifecycle_actions_total{")
                        && l.contains("action=\"host_down\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

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

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A site agent beating every 300 ms (3 READY hosts, announcing {@link #INTERVAL_S}). */
    private static final class Agent implements AutoCloseable {
        private final AtomicBoolean beating = new AtomicBoolean(true);
        private final AtomicReference<Instant> last = new AtomicReference<>();
        private final Thread thread;

        Agent(LoadProducer producer, String siteId) {
            thread = new Thread(() -> {
                while (beating.get()) {
                    AgentHeartbeat h = TestFleet.heartbeat(siteId, 3, INTERVAL_S, i -> HostState.READY, i -> true);
                    try {
                        producer.send(io.edgefleet.events.CloudEvent.of("/liveness", h)).get();
                        last.set(Instant.now());
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "agent-" + siteId);
            thread.start();
        }

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

    private static Map<String, String> states(Connection db, String siteId) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = db.prepareStatement("select host_id, state from host where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Waits until every host of the site is in {@code state}; returns when that was first seen. */
    private static Instant awaitStates(Connection db, String siteId, String state) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            Map<String, String> states = states(db, siteId);
            if (!states.isEmpty() && states.values().stream().allMatch(state::equals)) {
                return Instant.now();
            }
            assertTrue(System.nanoTime() < deadline, "hosts of " + siteId + " never all " + state + ": " + states);
            Thread.sleep(100);
        }
    }

    private static Instant lastHeartbeat(Connection db, String siteId) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("select last_heartbeat_at from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : Instant.EPOCH;
            }
        }
    }
}
