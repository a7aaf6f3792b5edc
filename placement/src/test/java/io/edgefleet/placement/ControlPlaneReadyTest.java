package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a control-plane change is over, over the real stack: a READY the agent measured against a
 * plan from before the scale leaves the cluster SCALING (and announces nothing), one measured
 * against the scale's plan ends it; and a cluster created with seven replicas, the largest count a
 * scale allows, gets them on seven hosts.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ControlPlaneReadyTest extends FlowTest {

    @Test
    void aReadyMeasuredBeforeTheScalesPlanDoesNotEndScaling() throws Exception {
        flow.send(TestFleet.heartbeat("cpr-1", 6));
        flow.awaitSiteKnown("cpr-1");
        accepted(flow.send(TestFleet.cluster("c-cpr", "cpr-1", 3)).requestId());
        SitePlan created = flow.awaitPlan("cpr-1", p -> controlPlanes(p, "c-cpr") == 3);
        flow.send(ready("cpr-1", "c-cpr", created.version()));
        awaitTrue(() -> "READY".equals(status("c-cpr")), "the bootstrapped cluster is READY");

        accepted(flow.send(new ClusterScaleRequested("c-cpr", "team-a", "cpr-1", null, 5)).requestId());
        SitePlan scaled = flow.awaitPlan("cpr-1", p -> controlPlanes(p, "c-cpr") == 5);
        assertEquals("SCALING", status("c-cpr"));
        assertEquals(String.valueOf(scaled.version()), scalingPlanVersion("c-cpr"),
                "the plan that first carries the new replicas is remembered");

        // The agent measured three healthy replicas before the new plan reached it.
        flow.send(ready("cpr-1", "c-cpr", scaled.version() - 1));
        // A later report of the same site (one partition, in order) shows the READY was applied.
        PlannedMicroVm added = scaled.microVms().stream().filter(vm -> vm.microVmId().equals("c-cpr-cp-3"))
                .findFirst().orElseThrow();
        flow.send(new MicroVmStateChanged("cpr-1", added.hostId(), added.microVmId(), "c-cpr", MicroVmState.RUNNING,
                null, scaled.version(), Instant.now()));
        awaitTrue(() -> "RUNNING".equals(observedState("c-cpr-cp-3")), "the report after the stale READY is applied");
        assertEquals("SCALING", status("c-cpr"), "a READY from before the scale's plan does not end SCALING");

        flow.send(ready("cpr-1", "c-cpr", scaled.version()));
        awaitTrue(() -> "READY".equals(status("c-cpr")), "a READY from the scale's plan ends SCALING");
        awaitTrue(() -> readyAnnouncements("c-cpr") == 2, "READY announced after creation and after the scale");
        assertEquals(2, readyAnnouncements("c-cpr"), "and never for the stale report");
    }

    @Test
    void aClusterIsCreatedWithSevenControlPlaneReplicas() throws Exception {
        flow.send(TestFleet.heartbeat("cpr-2", 8));
        flow.awaitSiteKnown("cpr-2");
        accepted(flow.send(TestFleet.cluster("c-cpr-7", "cpr-2", 7)).requestId());
        SitePlan plan = flow.awaitPlan("cpr-2", p -> cluster(p, "c-cpr-7").isPresent());
        PlannedCluster cluster = cluster(plan, "c-cpr-7").orElseThrow();
        assertEquals(List.of("c-cpr-7-cp-0", "c-cpr-7-cp-1", "c-cpr-7-cp-2", "c-cpr-7-cp-3", "c-cpr-7-cp-4",
                "c-cpr-7-cp-5", "c-cpr-7-cp-6"), cluster.controlPlaneMicroVmIds());
        assertEquals("c-cpr-7-cp-0", cluster.initMicroVmId());
        assertEquals(7, plan.microVms().stream().filter(vm -> cluster.controlPlaneMicroVmIds().contains(vm.microVmId()))
                .map(PlannedMicroVm::hostId).distinct().count(), "one replica per host");
        assertEquals("PLACED", status("c-cpr-7"));

        // It scales down like any other: the newest replicas go, the init replica stays.
        accepted(flow.send(new ClusterScaleRequested("c-cpr-7", "team-a", "cpr-2", null, 5)).requestId());
        SitePlan five = flow.awaitPlan("cpr-2", p -> controlPlanes(p, "c-cpr-7") == 5);
        assertEquals(List.of("c-cpr-7-cp-0", "c-cpr-7-cp-1", "c-cpr-7-cp-2", "c-cpr-7-cp-3", "c-cpr-7-cp-4"),
                cluster(five, "c-cpr-7").orElseThrow().controlPlaneMicroVmIds());
    }

    private static ClusterBootstrapReported ready(String siteId, String clusterId, long planVersion) {
        return new ClusterBootstrapReported(siteId, clusterId, BootstrapState.READY, "https://10.0.0.5:6443", 3, null,
                planVersion, Instant.now());
    }

    private void accepted(String requestId) {
        JsonNode outcome = flow.awaitOutcome(requestId);
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
    }

    private static Optional<PlannedCluster> cluster(SitePlan plan, String clusterId) {
        return plan.clusters().stream().filter(c -> c.clusterId().equals(clusterId)).findFirst();
    }

    private static int controlPlanes(SitePlan plan, String clusterId) {
        return cluster(plan, clusterId).map(c -> c.controlPlaneMicroVmIds().size()).orElse(0);
    }

    /** READY status events published for the cluster, read from the status topic. */
    private long readyAnnouncements(String clusterId) {
        return flow.kafka.all(Topics.CLUSTER_STATUS, r -> clusterId.equals(r.headers().get(CloudEventHeaders.SUBJECT))
                && "READY".equals(Flow.json(r).path("status").asText()), Duration.ofSeconds(1)).size();
    }

    private String status(String clusterId) throws Exception {
        return one("select status from cluster where cluster_id = ?", clusterId);
    }

    private String scalingPlanVersion(String clusterId) throws Exception {
        return one("select scaling_plan_version::text from cluster where cluster_id = ?", clusterId);
    }

    private String observedState(String microVmId) throws Exception {
        return one("select observed_state from allocation where microvm_id = ?", microVmId);
    }

    private String one(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
