package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Control-plane scaling, the init replica and the cluster VIP over the real stack: 1 → 3 → 5 → 3
 * with the plan's control-plane ids, init replica and VIP at each step, the stored spec, SCALING
 * until the agent reports READY, the VIP leased for the cluster's life and released when it ends,
 * and the refusals (even count, not the owner, unknown cluster, both-or-nothing, no address for a VIP).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ControlPlaneScaleTest extends FlowTest {

    /** A /24 with a range of 31 addresses, the gateway outside it. */
    private static final SiteNetwork NETWORK =
            new SiteNetwork("10.43.0.0/24", "10.43.0.1", "10.43.0.10", "10.43.0.40", "br-mgmt", null, 1500);

    /** A site-wide agent's heartbeat of {@code hosts} hosts with {@code network}. */
    private static AgentHeartbeat withNetwork(String siteId, int hosts, SiteNetwork network) {
        AgentHeartbeat plain = TestFleet.heartbeat(siteId, hosts);
        return new AgentHeartbeat(siteId, "test", plain.sentAt(), plain.intervalSeconds(), plain.hosts(), null, null,
                network);
    }

    @Test
    void oneToThreeToFiveToThreeKeepsTheInitReplicaAndTheVip() throws Exception {
        flow.send(withNetwork("cps-1", 6, NETWORK));
        flow.awaitSiteKnown("cps-1");
        accepted(flow.send(TestFleet.cluster("c-cps", "cps-1", 1)).requestId());
        SitePlan one = flow.awaitPlan("cps-1", p -> cluster(p, "c-cps").isPresent());
        PlannedCluster created = cluster(one, "c-cps").orElseThrow();
        assertEquals(List.of("c-cps-cp-0"), created.controlPlaneMicroVmIds());
        assertEquals("c-cps-cp-0", created.initMicroVmId(), "the first control-plane microVM inits");
        String vip = created.controlPlaneEndpoint();
        assertNotNull(vip, "a site with a network gives the cluster a VIP: " + created);
        long address = Ipv4.parse(vip);
        assertTrue(address >= Ipv4.parse("10.43.0.10") && address <= Ipv4.parse("10.43.0.40"), vip);
        assertFalse(addresses(one).contains(vip), "the VIP is no microVM's address");
        assertEquals(vip, heldVip("c-cps"));

        accepted(flow.send(new ClusterScaleRequested("c-cps", "team-a", "cps-1", null, 3)).requestId());
        SitePlan three = awaitControlPlanes("cps-1", "c-cps", 3, one.version());
        assertEquals(List.of("c-cps-cp-0", "c-cps-cp-1", "c-cps-cp-2"), cluster(three, "c-cps").orElseThrow()
                .controlPlaneMicroVmIds());
        assertEquals(1, cluster(three, "c-cps").orElseThrow().workerMicroVmIds().size(), "workers left alone");
        JsonNode scaling = flow.awaitStatus("c-cps", s -> "control plane scaled to 3".equals(s.path("reason").asText()));
        assertEquals("SCALING", scaling.path("status").asText(), scaling.toString());
        assertEquals(3, distinctHosts(three, "c-cps"), "one replica per host");

        accepted(flow.send(new ClusterScaleRequested("c-cps", "team-a", "cps-1", 2, 5)).requestId());
        SitePlan five = awaitControlPlanes("cps-1", "c-cps", 5, three.version());
        assertEquals(2, cluster(five, "c-cps").orElseThrow().workerMicroVmIds().size(), "both in one decision");
        flow.awaitStatus("c-cps", s -> "control plane scaled to 5, workers scaled to 2".equals(s.path("reason").asText()));
        assertEquals(5, distinctHosts(five, "c-cps"));

        accepted(flow.send(new ClusterScaleRequested("c-cps", "team-a", "cps-1", null, 3)).requestId());
        SitePlan back = awaitControlPlanes("cps-1", "c-cps", 3, five.version());
        PlannedCluster shrunk = cluster(back, "c-cps").orElseThrow();
        assertEquals(List.of("c-cps-cp-0", "c-cps-cp-1", "c-cps-cp-2"), shrunk.controlPlaneMicroVmIds(),
                "the newest replicas went");
        for (SitePlan plan : List.of(three, five, back)) {
            PlannedCluster c = cluster(plan, "c-cps").orElseThrow();
            assertEquals("c-cps-cp-0", c.initMicroVmId(), "the init replica never changes: plan " + plan.version());
            assertEquals(vip, c.controlPlaneEndpoint(), "the VIP is kept for the cluster's life: plan " + plan.version());
            assertFalse(addresses(plan).contains(vip), "never a microVM's address: plan " + plan.version());
        }
        JsonNode spec = spec("c-cps");
        assertEquals(3, spec.path("controlPlane").path("replicas").asInt(), spec.toString());
        assertEquals(2, spec.path("workers").path("count").asInt(), spec.toString());

        // The agent's READY ends SCALING.
        flow.send(new ClusterBootstrapReported("cps-1", "c-cps", BootstrapState.READY, "https://" + vip + ":6443", 5,
                null, back.version(), Instant.now()));
        flow.awaitStatus("c-cps", s -> "READY".equals(s.path("status").asText()));

        // A replacement of the init replica is a new microVM: it joins, the init id stays.
        PlannedMicroVm first = back.microVms().stream().filter(vm -> vm.microVmId().equals("c-cps-cp-0")).findFirst()
                .orElseThrow();
        flow.send(new MicroVmStateChanged("cps-1", first.hostId(), first.microVmId(), "c-cps", MicroVmState.FAILED,
                "kernel panic", back.version(), Instant.now()));
        SitePlan replaced = flow.awaitPlan("cps-1", p -> p.version() > back.version() && cluster(p, "c-cps")
                .map(c -> !c.controlPlaneMicroVmIds().contains("c-cps-cp-0")).orElse(false));
        PlannedCluster afterReplace = cluster(replaced, "c-cps").orElseThrow();
        assertEquals(3, afterReplace.controlPlaneMicroVmIds().size(), afterReplace.toString());
        assertEquals("c-cps-cp-0", afterReplace.initMicroVmId(), "its replacement joins");
        assertEquals(vip, afterReplace.controlPlaneEndpoint());

        accepted(flow.send(new ClusterDeleteRequested("c-cps", "team-a", "cps-1", "done")).requestId());
        flow.awaitPlan("cps-1", p -> cluster(p, "c-cps").isEmpty());
        awaitTrue(() -> heldVip("c-cps") == null, "the VIP is released with its cluster");
    }

    @Test
    void refusalsSayWhy() throws Exception {
        flow.send(withNetwork("cps-2", 3, NETWORK));
        flow.awaitSiteKnown("cps-2");
        accepted(flow.send(TestFleet.cluster("c-cps-2", "cps-2", 3)).requestId());
        SitePlan plan = flow.awaitPlan("cps-2", p -> cluster(p, "c-cps-2").isPresent());

        JsonNode even = rejected(new ClusterScaleRequested("c-cps-2", "team-a", "cps-2", null, 4));
        assertEquals("INVALID_REQUEST", even.path("code").asText(), even.toString());
        assertTrue(even.path("paths").toString().contains("$.controlPlaneReplicas"), even.toString());
        assertTrue(even.path("message").asText().contains("must be 1, 3, 5 or 7 (got 4)"), even.toString());

        JsonNode notOwner = rejected(new ClusterScaleRequested("c-cps-2", "team-b", "cps-2", null, 5));
        assertEquals("NOT_OWNER", notOwner.path("code").asText(), notOwner.toString());
        JsonNode unknown = rejected(new ClusterScaleRequested("no-such-cluster", "team-a", "cps-2", null, 3));
        assertEquals("UNKNOWN_CLUSTER", unknown.path("code").asText(), unknown.toString());

        // Three hosts cannot hold five replicas: the worker part does not happen alone either.
        JsonNode both = rejected(new ClusterScaleRequested("c-cps-2", "team-a", "cps-2", 2, 5));
        assertEquals("ANTI_AFFINITY", both.path("code").asText(), both.toString());
        assertTrue(both.path("message").asText().endsWith("so neither changed"), both.toString());
        assertEquals(1, workerAllocations("c-cps-2"), "the workers were not scaled");
        assertEquals(3, spec("c-cps-2").path("controlPlane").path("replicas").asInt());
        assertEquals(3, cluster(plan, "c-cps-2").orElseThrow().controlPlaneMicroVmIds().size());
    }

    @Test
    void aClusterWhoseVipDoesNotFitIsRefusedLikeAMicroVm() throws Exception {
        // Two addresses: exactly the microVMs of a one-replica cluster with one worker, none for its VIP.
        SiteNetwork tight = new SiteNetwork("10.44.0.0/24", "10.44.0.1", "10.44.0.10", "10.44.0.11", "br-mgmt", null,
                1500);
        flow.send(withNetwork("cps-3", 3, tight));
        flow.awaitSiteKnown("cps-3");
        awaitTrue(() -> networkKnown("cps-3"), "the site's network is stored");
        JsonNode refused = rejected(TestFleet.cluster("c-cps-3", "cps-3", 1));
        assertEquals("NO_FREE_ADDRESS", refused.path("code").asText(), refused.toString());
        assertTrue(refused.path("message").asText().contains("(2 addresses for 2 microVMs and 1 cluster VIPs)"),
                refused.toString());
    }

    private JsonNode rejected(io.edgefleet.events.EventPayload request) {
        JsonNode outcome = flow.awaitOutcome(flow.send(request).requestId());
        assertEquals(EventType.REQUEST_REJECTED.ceType(), outcome.path("type").asText(), outcome.toString());
        return outcome.path("data");
    }

    private void accepted(String requestId) {
        JsonNode outcome = flow.awaitOutcome(requestId);
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
    }

    private SitePlan awaitControlPlanes(String siteId, String clusterId, int count, long after) {
        Predicate<SitePlan> match = p -> p.version() > after
                && cluster(p, clusterId).map(c -> c.controlPlaneMicroVmIds().size() == count).orElse(false);
        return flow.awaitPlan(siteId, match);
    }

    private static Optional<PlannedCluster> cluster(SitePlan plan, String clusterId) {
        return plan.clusters().stream().filter(c -> c.clusterId().equals(clusterId)).findFirst();
    }

    private static Set<String> addresses(SitePlan plan) {
        return plan.microVms().stream().map(PlannedMicroVm::ipAddress).collect(Collectors.toSet());
    }

    private static long distinctHosts(SitePlan plan, String clusterId) {
        List<String> cps = cluster(plan, clusterId).orElseThrow().controlPlaneMicroVmIds();
        return plan.microVms().stream().filter(vm -> cps.contains(vm.microVmId())).map(PlannedMicroVm::hostId)
                .distinct().count();
    }

    private String heldVip(String clusterId) throws Exception {
        String ip = one("select ip_address::text from microvm_address where vip_cluster_id = ?", clusterId);
        return ip == null ? null : Ipv4.format(Long.parseLong(ip));
    }

    private JsonNode spec(String clusterId) throws Exception {
        return EventJson.mapper().readTree(one("select spec::text from cluster where cluster_id = ?", clusterId));
    }

    private int workerAllocations(String clusterId) throws Exception {
        return Integer.parseInt(one("select count(*)::text from allocation where owner_id = ? and kind = 'WORKER_VM'",
                clusterId));
    }

    private boolean networkKnown(String siteId) throws Exception {
        return one("select network::text from site where site_id = ?", siteId) != null;
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
