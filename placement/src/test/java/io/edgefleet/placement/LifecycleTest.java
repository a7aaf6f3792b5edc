package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.store.HeartbeatStore;
import io.edgefleet.placement.store.Liveness;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle over the real stack, with the test profile's short intervals: TTL expiry, heartbeat
 * loss with make-before-break re-placement, and failed microVMs retried then failing the cluster.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class LifecycleTest extends FlowTest {

    @Inject
    HeartbeatStore heartbeats;

    @Inject
    Liveness liveness;

    @Test
    void anExpiredClusterIsDeleted() throws Exception {
        flow.send(TestFleet.heartbeat("ttl-1", 3));
        flow.awaitSiteKnown("ttl-1");
        var request = new io.edgefleet.events.request.ClusterRequested("c-ttl", "team-a", "ttl-1", "1.31",
                new io.edgefleet.events.request.ControlPlane(1, 1, 1024, 10), io.edgefleet.events.request.Workers.bareMetal(0), 3600L, java.util.Map.of());
        accepted(flow.send(request).requestId());
        flow.awaitPlan("ttl-1", p -> p.clusters().stream().anyMatch(c -> c.clusterId().equals("c-ttl")));
        // An hour is long for a test: move the expiry into the past, as time would.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "update cluster set expires_at = now() - interval '1 second' where cluster_id = 'c-ttl'")) {
            assertEquals(1, ps.executeUpdate());
        }
        JsonNode deleted = flow.awaitStatus("c-ttl", s -> "DELETED".equals(s.path("status").asText()));
        assertEquals("TTL expired", deleted.path("reason").asText());
        flow.awaitPlan("ttl-1", p -> p.clusters().isEmpty() && p.microVms().isEmpty());
    }

    @Test
    void aSilentHostGoesDownAndItsControlPlaneMovesMakeBeforeBreak() throws Exception {
        AtomicBoolean beating = new AtomicBoolean(true);
        // Heartbeats every 500 ms announcing a 1 s interval: a host they stop listing is DOWN after 3 s.
        String[] silent = {null};
        Thread agent = new Thread(() -> {
            while (beating.get()) {
                String gone = silent[0];
                flow.send(TestFleet.heartbeat("hb-1", 5, 1, i -> HostState.READY, i -> !("h" + i).equals(gone)));
                sleep(500);
            }
        });
        agent.start();
        try {
            flow.awaitSiteKnown("hb-1");
            accepted(flow.send(TestFleet.cluster("c-hb", "hb-1", 3)).requestId());
            SitePlan before = flow.awaitPlan("hb-1", p -> controlPlanes(p, "c-hb").size() == 3);
            PlannedMicroVm victim = controlPlanes(before, "c-hb").get(0);
            silent[0] = victim.hostId();

            // Make: the replacement is in the plan on another host while the old one is still there.
            SitePlan make = flow.awaitPlan("hb-1", p -> controlPlanes(p, "c-hb").size() == 4);
            PlannedMicroVm replacement = controlPlanes(make, "c-hb").stream()
                    .filter(vm -> controlPlanes(before, "c-hb").stream()
                            .noneMatch(old -> old.microVmId().equals(vm.microVmId())))
                    .findFirst().orElseThrow();
            assertNotEquals(victim.hostId(), replacement.hostId());
            assertTrue(controlPlanes(make, "c-hb").stream().anyMatch(vm -> vm.microVmId().equals(victim.microVmId())),
                    "the old microVM stays until its replacement runs: " + make);
            List<PlannedMicroVm> live = controlPlanes(make, "c-hb").stream()
                    .filter(vm -> !vm.microVmId().equals(victim.microVmId())).toList();
            assertEquals(3, live.stream().map(PlannedMicroVm::hostId).distinct().count(), "distinct hosts: " + live);
            assertTrue(live.stream().noneMatch(vm -> vm.hostId().equals(victim.hostId())), live.toString());

            // Break: once the replacement runs, the old one leaves the plan.
            flow.send(new MicroVmStateChanged("hb-1", replacement.hostId(), replacement.microVmId(), "c-hb",
                    MicroVmState.RUNNING, null, make.version(), Instant.now()));
            SitePlan after = flow.awaitPlan("hb-1", p -> p.version() > make.version()
                    && controlPlanes(p, "c-hb").size() == 3);
            assertTrue(controlPlanes(after, "c-hb").stream().noneMatch(vm -> vm.hostId().equals(victim.hostId())),
                    "nothing left on the DOWN host: " + after);
            assertEquals(3, controlPlanes(after, "c-hb").stream().map(PlannedMicroVm::hostId).distinct().count());
        } finally {
            beating.set(false);
            agent.join();
        }
    }

    @Test
    void aFailedMicroVmIsRetriedElsewhereThenTheClusterFails() throws Exception {
        flow.send(TestFleet.heartbeat("fail-1", 6));
        flow.awaitSiteKnown("fail-1");
        var request = new io.edgefleet.events.request.ClusterRequested("c-fail", "team-a", "fail-1", "1.31",
                new io.edgefleet.events.request.ControlPlane(1, 1, 1024, 10), io.edgefleet.events.request.Workers.bareMetal(0), null, java.util.Map.of());
        accepted(flow.send(request).requestId());
        SitePlan plan = flow.awaitPlan("fail-1", p -> controlPlanes(p, "c-fail").size() == 1);
        for (int attempt = 1; attempt <= 3; attempt++) {
            PlannedMicroVm vm = controlPlanes(plan, "c-fail").get(0);
            flow.send(new MicroVmStateChanged("fail-1", vm.hostId(), vm.microVmId(), "c-fail", MicroVmState.FAILED,
                    "kernel panic", plan.version(), Instant.now()));
            long seen = plan.version();
            plan = flow.awaitPlan("fail-1", p -> p.version() > seen && controlPlanes(p, "c-fail").size() == 1
                    && !controlPlanes(p, "c-fail").get(0).microVmId().equals(vm.microVmId()));
            assertNotEquals(vm.hostId(), controlPlanes(plan, "c-fail").get(0).hostId(), "retried on another host");
        }
        PlannedMicroVm last = controlPlanes(plan, "c-fail").get(0);
        flow.send(new MicroVmStateChanged("fail-1", last.hostId(), last.microVmId(), "c-fail", MicroVmState.FAILED,
                "kernel panic", plan.version(), Instant.now()));
        JsonNode failed = flow.awaitStatus("c-fail", s -> "FAILED".equals(s.path("status").asText()));
        assertTrue(failed.path("reason").asText().contains("kernel panic"), failed.toString());
        flow.awaitPlan("fail-1", p -> p.clusters().isEmpty() && p.microVms().isEmpty());
    }

    @Test
    void silenceBeforeTheServiceStartedNeverMarksAHostDown() throws Exception {
        // A site whose last heartbeat (1 s interval) is an hour old, as after `fleet down` then `up`.
        // In one transaction, rolled back, so the running sweeper never sees the site.
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                TestFleet.store(heartbeats, tx, TestFleet.heartbeat("restart-1", 3, 1, i -> HostState.READY, i -> true),
                        -1, Instant.now());
                try (PreparedStatement ps = tx.prepareStatement("update host set last_seen_at = now() - interval '1 hour'"
                        + " where site_id = 'restart-1'")) {
                    assertEquals(3, ps.executeUpdate());
                }
                try (PreparedStatement ps = tx.prepareStatement("update site set last_heartbeat_at = now() - interval"
                        + " '1 hour', inventory_at = now() - interval '1 hour' where site_id = 'restart-1'")) {
                    assertEquals(1, ps.executeUpdate());
                }
                Instant justStarted = Instant.now();
                // Every report partition applied up to now: only the restart holds silence back.
                Liveness.Clocks caughtUp = Liveness.Clocks.caughtUp(justStarted);
                assertTrue(liveness.markSilentHostsDown(tx, 3, justStarted, caughtUp).isEmpty(),
                        "a service that just started has seen no silence");
                assertTrue(liveness.markSilentHostsDown(tx, 3, justStarted.minusSeconds(2), caughtUp).isEmpty(),
                        "2 s of watching is less than 3 intervals of 1 s");
                // Counted for this site only: earlier test classes' sites (1 s heartbeats) may be silent
                // too and not yet marked by the running sweeper.
                assertEquals(3, liveness.markSilentHostsDown(tx, 3, justStarted.minusSeconds(10), caughtUp).stream()
                        .filter(h -> h[0].equals("restart-1")).count(), "10 s of watching without a heartbeat is silence");
            } finally {
                tx.rollback();
            }
        }
    }

    private void accepted(String requestId) {
        JsonNode outcome = flow.awaitOutcome(requestId);
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.get("type").asText(), outcome.toString());
    }

    private static List<PlannedMicroVm> controlPlanes(SitePlan plan, String clusterId) {
        return plan.microVms().stream()
                .filter(vm -> vm.clusterId().equals(clusterId) && vm.role() == MicroVmRole.CONTROL_PLANE).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aReportNamingAnotherHostThanTheMicroVmsIsIgnoredAndCounted() throws Exception {
        flow.send(TestFleet.heartbeat("xh-1", 6));
        flow.awaitSiteKnown("xh-1");
        var request = new io.edgefleet.events.request.ClusterRequested("c-xh", "team-a", "xh-1", "1.31",
                new io.edgefleet.events.request.ControlPlane(1, 1, 1024, 10), io.edgefleet.events.request.Workers.bareMetal(0), null, java.util.Map.of());
        accepted(flow.send(request).requestId());
        SitePlan plan = flow.awaitPlan("xh-1", p -> controlPlanes(p, "c-xh").size() == 1);
        PlannedMicroVm vm = controlPlanes(plan, "c-xh").get(0);
        String other = plan.microVms().stream().map(PlannedMicroVm::hostId).filter(h -> !h.equals(vm.hostId())).findFirst()
                .orElse(vm.hostId().equals("h1") ? "h2" : "h1");
        double before = lifecycle("microvm_report_from_other_host");
        // A host (or a confused agent) claims the microVM failed on a host placement never put it on.
        flow.send(new MicroVmStateChanged("xh-1", other, vm.microVmId(), "c-xh", MicroVmState.FAILED, "kernel panic",
                plan.version(), Instant.now()));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (lifecycle("microvm_report_from_other_host") < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before + 1, lifecycle("microvm_report_from_other_host"), "the claim was read and set aside");
        // Its own host reports the failure: it is still the planned microVM, never re-placed for the claim.
        flow.send(new MicroVmStateChanged("xh-1", vm.hostId(), vm.microVmId(), "c-xh", MicroVmState.FAILED, "kernel panic",
                plan.version(), Instant.now()));
        long seen = plan.version();
        SitePlan retried = flow.awaitPlan("xh-1", p -> p.version() > seen);
        assertEquals(seen + 1, retried.version(), "one re-placement, for the report of the microVM's own host");
        assertNotEquals(vm.microVmId(), controlPlanes(retried, "c-xh").get(0).microVmId());
    }

    private static double lifecycle(String action) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fleet_lifecycle_actions(?:_total)?\\{[^}]*action=\"" + action
                + "\"[^}]*\\} ([0-9.eE+-]+)").matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
