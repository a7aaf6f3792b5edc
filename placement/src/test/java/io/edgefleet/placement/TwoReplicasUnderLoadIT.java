package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.LocalStack;
import io.edgefleet.placement.fleettest.EventLog;
import io.edgefleet.placement.fleettest.FleetInvariants;
import io.edgefleet.placement.fleettest.LoadMix;
import io.edgefleet.placement.fleettest.LoadProducer;
import io.edgefleet.placement.fleettest.PlacementReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two placement processes in one consumer group on one real broker and PostgreSQL, under a burst
 * of contended cluster requests (duplicates, competing requests for one cluster id, deletions,
 * bare-metal workers that need whole hosts); one replica is SIGKILLed halfway. Afterwards every
 * invariant must hold ({@link FleetInvariants}): one outcome per request, no host over capacity,
 * no holder allocated twice, control planes on distinct hosts, every live cluster in its site's
 * latest plan.
 *
 * <p>Runs the packaged app (a copy of {@code target/quarkus-app}, so a concurrent rebuild cannot
 * swap jars under the replicas).
 */
class TwoReplicasUnderLoadIT {
    private static final int SITES = 20;
    private static final int REQUESTS = 3000;
    private static final Duration GIVE_UP = Duration.ofSeconds(120);

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
    void everyInvariantHoldsWhenOneOfTwoReplicasIsKilledUnderLoad() throws Exception {
        Path dir = Path.of("target", "two-replicas-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(dir);
        Path jar = PlacementReplica.copyApp(Path.of("target", "quarkus-app"), dir.resolve("app"));
        stack = LocalStack.onFreePorts(dir).start(false);
        // The load's heartbeats are unsigned: site signatures are SiteIdentityTest's subject, not this one's.
        Map<String, String> unsignedReports = Map.of("edgefleet.placement.identity.enforce", "false");
        a = PlacementReplica.start("placement-a", jar, dir, stack.bootstrapServers(), stack.postgres(), unsignedReports);
        b = PlacementReplica.start("placement-b", jar, dir, stack.bootstrapServers(), stack.postgres(), unsignedReports);
        a.awaitReady(GIVE_UP);
        b.awaitReady(GIVE_UP);

        LoadMix mix = new LoadMix(SITES, "/two-replicas", 42);
        try (LoadProducer producer = new LoadProducer(stack.bootstrapServers());
             EventLog log = new EventLog(stack.bootstrapServers());
             Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl(), "postgres", "")) {
            for (int i = 0; i < SITES; i++) {
                producer.send("/two-replicas", LoadMix.heartbeat(i));
            }
            producer.flush();
            awaitSites(db);

            // A burst in slices of 100 every 50 ms (about 2,000/s offered); replica A dies halfway.
            for (int i = 0; i < REQUESTS; i++) {
                producer.send(mix.next());
                if (i % 100 == 99) {
                    producer.flush();
                    Thread.sleep(50);
                }
                if (i == REQUESTS / 2) {
                    awaitAnswered(a);
                    a.kill();
                }
            }
            producer.flush();
            assertEquals(0, producer.failed(), "the broker acknowledged every request: " + producer.lastFailure());

            assertTrue(log.awaitOutcomes(mix.requestIds(), GIVE_UP), log.missing(mix.requestIds())
                    + " requests still without an outcome; see " + dir.resolve("logs"));
            awaitQuiet(db);
            assertTrue(log.awaitPlans(FleetInvariants.planVersions(db), GIVE_UP), "plans not all published");

            FleetInvariants.Report report = FleetInvariants.check(db, mix.requestIds(), log);
            System.out.println("two replicas, one killed: " + mix.published() + " published, " + report);
            assertTrue(report.clean(), report.toString());
            assertTrue(b.isAlive(), "the surviving replica still runs");
            checkerSeesABrokenLedger(db, mix, log);
            try (ResultSet rs = db.createStatement().executeQuery(
                    "select count(*) filter (where status <> 'DELETED' and status <> 'FAILED'),"
                            + " (select count(*) from request where outcome_type like '%rejected%') from cluster")) {
                rs.next();
                assertTrue(rs.getInt(1) > 0 && rs.getInt(2) > 0, "the load both placed and rejected clusters");
            }
        }
    }

    /** Waits until the replica about to be killed has answered requests: it took part in the run. */
    private static void awaitAnswered(PlacementReplica replica) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (answered(replica.metrics()) == 0) {
            assertTrue(System.nanoTime() < deadline, replica + " never answered a request before it was to be killed");
            Thread.sleep(100);
        }
    }

    private static double answered(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("fleet_placement_requests_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * The checker is not vacuous: a control plane copied onto a host its sibling already uses (in a
     * transaction rolled back afterwards) is seen as a doubled holder, an anti-affinity breach, and
     * (copied 40 times) a host over capacity.
     */
    private static void checkerSeesABrokenLedger(Connection db, LoadMix mix, EventLog log) throws Exception {
        db.setAutoCommit(false);
        try {
            try (ResultSet rs = db.createStatement().executeQuery("select holder_id from allocation"
                    + " where kind = 'CONTROL_PLANE' order by holder_id limit 1")) {
                assertTrue(rs.next(), "something was placed");
                String holder = rs.getString(1);
                for (int i = 0; i < 40; i++) {
                    db.createStatement().executeUpdate("insert into allocation (holder_id, kind, owner_id, team, site_id,"
                            + " host_id, numa_node, vcpu, pinned_cores, memory_mib, hugepages, vfs, disk_gib, cluster_id)"
                            + " select holder_id || '-copy-" + i + "', kind, owner_id, team, site_id, host_id, numa_node,"
                            + " vcpu, pinned_cores, memory_mib, hugepages, vfs, disk_gib, cluster_id from allocation"
                            + " where holder_id = '" + holder + "'");
                }
            }
            FleetInvariants.Report broken = FleetInvariants.check(db, mix.requestIds(), log);
            assertTrue(broken.overCapacity() > 0 && broken.duplicateAllocations() > 0 && broken.antiAffinity() > 0,
                    "the checker must see the broken ledger: " + broken);
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    private static void awaitSites(Connection db) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            try (ResultSet rs = db.createStatement().executeQuery("select count(*) from site")) {
                rs.next();
                if (rs.getInt(1) >= SITES) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "placement never learnt every site");
            Thread.sleep(200);
        }
    }

    /** Waits until the outbox is empty: every committed plan and outcome reached the broker. */
    private static void awaitQuiet(Connection db) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (FleetInvariants.unsentOutbox(db) > 0) {
            assertTrue(System.nanoTime() < deadline, "outbox never drained");
            Thread.sleep(200);
        }
    }
}
