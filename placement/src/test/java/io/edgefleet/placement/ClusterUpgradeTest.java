package io.edgefleet.placement;

import static io.edgefleet.placement.RollingPlans.cluster;
import static io.edgefleet.placement.RollingPlans.count;
import static io.edgefleet.placement.RollingPlans.ids;
import static io.edgefleet.placement.RollingPlans.newest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A Kubernetes version upgrade over the real stack, the agent simulated by the reports it would send: a
 * 3-replica cluster with one worker microVM on three hosts rolls 1.31.2 -> 1.32 one replica at a time; each
 * step adds a newcomer at 1.32 and removes the replica it replaces only after a READY for a plan that
 * carries the newcomer; the cluster stays READY; then a newcomer that fails stops the roll with a reason,
 * and the refusals (a skipped minor, an upgrade during an upgrade or a scale) say why.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ClusterUpgradeTest extends FlowTest {

    @Test
    void threeReplicasRollOneAtATimeMakeBeforeBreakAndTheClusterStaysReady() throws Exception {
        SitePlan plan = readyCluster("upg-1", "c-upg");
        List<String> before = cluster(plan, "c-upg").controlPlaneMicroVmIds();
        accepted(new ClusterUpgradeRequested("c-upg", "team-a", "upg-1", "1.32"));

        JsonNode busy = rejected(new ClusterUpgradeRequested("c-upg", "team-a", "upg-1", "1.32"));
        assertEquals("UPGRADE_IN_PROGRESS", busy.path("code").asText(), busy.toString());

        Set<String> replaced = new HashSet<>();
        for (int step = 1; step <= 4; step++) {
            boolean controlPlane = step <= 3;
            int usual = controlPlane ? 3 : 1;
            long last = plan.version();
            SitePlan added = flow.awaitPlan("upg-1", p -> p.version() > last && count(p, "c-upg", controlPlane) == usual + 1);
            PlannedMicroVm newcomer = newest(added, "c-upg", controlPlane, plan);
            assertEquals("1.32", newcomer.kubernetesVersion(), "the newcomer runs the target: " + newcomer);
            int stepNo = step;
            flow.awaitStatus("c-upg", s -> s.path("reason").asText().equals("upgrading 1.31.2 -> 1.32: "
                    + (controlPlane ? "control plane replica " + stepNo + " of 3" : "worker 1 of 1")));
            if (!controlPlane) {
                flow.send(new MicroVmStateChanged("upg-1", newcomer.hostId(), newcomer.microVmId(), "c-upg",
                        MicroVmState.RUNNING, null, added.version(), Instant.now()));
            }
            // Nothing leaves before the agent says the newcomer joined.
            Thread.sleep(2500);
            SitePlan still = RollingPlans.latest(flow, "upg-1");
            assertEquals(usual + 1, count(still, "c-upg", controlPlane), "no removal before READY: plan " + still.version());

            ready("upg-1", "c-upg", added.version());
            SitePlan removed = flow.awaitPlan("upg-1", p -> p.version() > added.version()
                    && count(p, "c-upg", controlPlane) == usual);
            Set<String> gone = new HashSet<>(ids(added, "c-upg", controlPlane));
            gone.removeAll(ids(removed, "c-upg", controlPlane));
            assertEquals(1, gone.size(), "one replica leaves per step: " + gone);
            String left = gone.iterator().next();
            assertFalse(left.equals(newcomer.microVmId()), "the newcomer stays");
            assertTrue(replaced.add(left), "each step replaces another replica");
            if (controlPlane) {
                assertTrue(before.contains(left), left + " was one of the replicas at 1.31.2");
            }
            ready("upg-1", "c-upg", removed.version());
            plan = removed;
        }

        JsonNode done = flow.awaitStatus("c-upg", s -> "DONE".equals(s.path("upgrade").path("state").asText()));
        assertEquals("1.32", done.path("kubernetesVersion").asText(), done.toString());
        assertEquals("upgraded 1.31.2 -> 1.32", done.path("reason").asText(), done.toString());
        long lastVersion = plan.version();
        SitePlan after = flow.awaitPlan("upg-1", p -> p.version() > lastVersion);
        PlannedCluster upgraded = cluster(after, "c-upg");
        assertEquals("1.32", upgraded.kubernetesVersion());
        assertTrue(after.microVms().stream().filter(vm -> vm.clusterId().equals("c-upg"))
                .allMatch(vm -> vm.kubernetesVersion().equals("1.32")), after.microVms().toString());
        assertTrue(upgraded.controlPlaneMicroVmIds().stream().noneMatch(before::contains), "every replica replaced");

        // Over the whole roll: the plan held 3 or 4 control planes, and every status was READY.
        for (SitePlan p : RollingPlans.all(flow, "upg-1")) {
            int cps = count(p, "c-upg", true);
            assertTrue(cps == 3 || cps == 4 || cps == 0, "plan " + p.version() + " has " + cps + " control planes");
        }
        List<JsonNode> statuses = RollingPlans.statuses(flow, "c-upg");
        assertTrue(statuses.stream().filter(s -> !s.path("upgrade").isMissingNode() && !s.path("upgrade").isNull())
                .allMatch(s -> "READY".equals(s.path("status").asText())), statuses.toString());
    }

    @Test
    void aNewcomerThatFailsStopsTheRollAndTheClusterKeepsServing() throws Exception {
        SitePlan plan = readyCluster("upg-2", "c-upg-2");
        JsonNode skip = rejected(new ClusterUpgradeRequested("c-upg-2", "team-a", "upg-2", "1.33"));
        assertEquals("INVALID_UPGRADE", skip.path("code").asText(), skip.toString());
        assertTrue(skip.path("message").asText().contains("from 1.31.2 to 1.33"), skip.toString());

        accepted(new ClusterUpgradeRequested("c-upg-2", "team-a", "upg-2", "1.32"));
        SitePlan added = flow.awaitPlan("upg-2", p -> p.version() > plan.version() && count(p, "c-upg-2", true) == 4);
        PlannedMicroVm newcomer = newest(added, "c-upg-2", true, plan);
        flow.send(new MicroVmStateChanged("upg-2", newcomer.hostId(), newcomer.microVmId(), "c-upg-2",
                MicroVmState.FAILED, "kernel panic", added.version(), Instant.now()));
        // The agent also reports the cluster FAILED for a failed control-plane microVM: the roll's, not the cluster's.
        flow.send(new ClusterBootstrapReported("upg-2", "c-upg-2", BootstrapState.FAILED, null, 0,
                "control-plane microVM " + newcomer.microVmId() + " failed on " + newcomer.hostId() + ": kernel panic",
                added.version(), Instant.now()));

        JsonNode stopped = flow.awaitStatus("c-upg-2", s -> "FAILED".equals(s.path("upgrade").path("state").asText()));
        assertEquals("READY", stopped.path("status").asText(), stopped.toString());
        String reason = stopped.path("reason").asText();
        assertTrue(reason.startsWith("upgrade 1.31.2 -> 1.32 stopped at control plane replica 1 of 3: microVM "
                + newcomer.microVmId() + " failed"), reason);
        assertTrue(reason.contains("kernel panic"), reason);
        assertEquals("1.31.2", stopped.path("kubernetesVersion").asText(), stopped.toString());
        SitePlan back = flow.awaitPlan("upg-2", p -> p.version() > added.version() && count(p, "c-upg-2", true) == 3);
        assertEquals(cluster(plan, "c-upg-2").controlPlaneMicroVmIds(), cluster(back, "c-upg-2").controlPlaneMicroVmIds(),
                "the replicas that served are the ones left");
        assertTrue(RollingPlans.statuses(flow, "c-upg-2").stream().noneMatch(s -> "FAILED".equals(s.path("status").asText())),
                "the cluster never failed");

        // A scale is under way: an upgrade waits for it.
        accepted(new ClusterScaleRequested("c-upg-2", "team-a", "upg-2", null, 1));
        JsonNode scaling = rejected(new ClusterUpgradeRequested("c-upg-2", "team-a", "upg-2", "1.32"));
        assertEquals("SCALE_IN_PROGRESS", scaling.path("code").asText(), scaling.toString());
    }

    @Test
    void aStepThatOutlastsItsTimeStopsTheRollSayingWhatTheAgentReported() throws Exception {
        SitePlan plan = readyCluster("upg-3", "c-upg-3");
        accepted(new ClusterUpgradeRequested("c-upg-3", "team-a", "upg-3", "v1.32.0"));
        SitePlan added = flow.awaitPlan("upg-3", p -> p.version() > plan.version() && count(p, "c-upg-3", true) == 4);
        flow.send(new ClusterBootstrapReported("upg-3", "c-upg-3", BootstrapState.BOOTSTRAPPING, null, 3,
                "3 of 4 control-plane nodes are Ready", added.version(), Instant.now()));
        awaitTrue(() -> "3 of 4 control-plane nodes are Ready".equals(one("select last_report from cluster_upgrade"
                + " where cluster_id = 'c-upg-3'")), "the agent's word is kept");
        // The step started long ago (the configured step time is 15 minutes).
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("update cluster_upgrade"
                + " set step_started_at = now() - interval '1 hour' where cluster_id = 'c-upg-3'")) {
            assertEquals(1, ps.executeUpdate());
        }
        JsonNode stopped = flow.awaitStatus("c-upg-3", s -> "FAILED".equals(s.path("upgrade").path("state").asText()));
        assertEquals("upgrade 1.31.2 -> v1.32.0 stopped at control plane replica 1 of 3: c-upg-3/cp-3 did not join"
                + " within 15 min; the agent reports: 3 of 4 control-plane nodes are Ready", stopped.path("reason").asText());
        assertEquals("READY", stopped.path("status").asText());
        flow.awaitPlan("upg-3", p -> p.version() > added.version() && count(p, "c-upg-3", true) == 3);
    }

    @Test
    void aScaleWhileTheRollRunsIsRefusedSayingWhereTheRollIs() throws Exception {
        SitePlan plan = readyCluster("upg-4", "c-upg-4");
        accepted(new ClusterUpgradeRequested("c-upg-4", "team-a", "upg-4", "1.32"));
        flow.awaitPlan("upg-4", p -> p.version() > plan.version() && count(p, "c-upg-4", true) == 4);
        // Scaling to 3 now would remove the newest replica, the roll's newcomer: refused instead.
        JsonNode refused = rejected(new ClusterScaleRequested("c-upg-4", "team-a", "upg-4", null, 3));
        assertEquals("UPGRADE_IN_PROGRESS", refused.path("code").asText(), refused.toString());
        assertEquals("cluster c-upg-4 is upgrading 1.31.2 -> 1.32: control plane replica 1 of 3; request the scale "
                + "once the upgrade is done", refused.path("message").asText());
        assertEquals(4, count(RollingPlans.latest(flow, "upg-4"), "c-upg-4", true), "the roll's newcomer is still planned");
    }

    private String one(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A site of three hosts with a READY 3-replica cluster (one worker microVM); its plan. */
    private SitePlan readyCluster(String siteId, String clusterId) throws Exception {
        flow.send(TestFleet.heartbeat(siteId, 3));
        flow.awaitSiteKnown(siteId);
        accepted(TestFleet.cluster(clusterId, siteId, 3));
        SitePlan plan = flow.awaitPlan(siteId, p -> p.clusters().stream().anyMatch(c -> c.clusterId().equals(clusterId)));
        ready(siteId, clusterId, plan.version());
        JsonNode ready = flow.awaitStatus(clusterId, s -> "READY".equals(s.path("status").asText()));
        assertEquals("1.31.2", ready.path("kubernetesVersion").asText(), "READY says the version: " + ready);
        return plan;
    }

    private void ready(String siteId, String clusterId, long planVersion) {
        flow.send(new ClusterBootstrapReported(siteId, clusterId, BootstrapState.READY, "https://10.0.0.5:6443", 4, null,
                planVersion, Instant.now()));
    }

    private void accepted(io.edgefleet.events.EventPayload request) {
        JsonNode outcome = flow.awaitOutcome(flow.send(request).requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
    }

    private JsonNode rejected(io.edgefleet.events.EventPayload request) {
        JsonNode outcome = flow.awaitOutcome(flow.send(request).requestId());
        assertEquals(EventType.REQUEST_REJECTED.ceType(), outcome.path("type").asText(), outcome.toString());
        return outcome.path("data");
    }
}
