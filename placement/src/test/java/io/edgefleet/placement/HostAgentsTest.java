package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Host agents (ADR 0019) and the address plan (ADR 0020) over the real stack: each host's beats
 * keep only that host alive, the plan names the lowest READY host to run the site's steps and
 * re-names it when that host goes DOWN, microVMs get distinct addresses of the site's range, a full
 * range refuses a request, and a DELETED report without a host is applied, not dead-lettered.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class HostAgentsTest extends FlowTest {

    private static final SiteNetwork NETWORK =
            new SiteNetwork("10.42.0.0/24", "10.42.0.11", "10.42.0.10", "10.42.0.13", "br-mgmt", 42, 1500);

    /** Host {@code i}'s agent's full heartbeat: exactly its own host, with the site's network. */
    private static AgentHeartbeat hostBeat(String siteId, int i, int intervalSeconds) {
        AgentHeartbeat site = TestFleet.heartbeat(siteId, i, intervalSeconds, n -> HostState.READY, n -> n == i);
        return new AgentHeartbeat(siteId, "test", site.sentAt(), intervalSeconds, site.hosts(), null, "h" + i, NETWORK);
    }

    @Test
    void eachHostsBeatsKeepOnlyItAliveAndTheStepsHostMovesWhenItGoesDown() throws Exception {
        AtomicBoolean beating = new AtomicBoolean(true);
        Set<Integer> alive = java.util.concurrent.ConcurrentHashMap.newKeySet();
        alive.addAll(Set.of(1, 2, 3));
        // Every 500 ms, announcing a 1 s interval: a host whose agent stops is DOWN after 3 s.
        Thread agents = new Thread(() -> {
            while (beating.get()) {
                for (int i : alive) {
                    flow.send(hostBeat("ha-1", i, 1));
                }
                sleep(500);
            }
        });
        agents.start();
        try {
            awaitTrue(() -> states("ha-1").size() == 3, "three hosts known from three host agents");
            accepted(flow.send(TestFleet.cluster("c-ha", "ha-1", 1)).requestId());
            SitePlan plan = flow.awaitPlan("ha-1", p -> p.clusters().stream().anyMatch(c -> c.clusterId().equals("c-ha")));
            assertEquals("h1", plan.siteStepsHostId());
            assertEquals(NETWORK, plan.network());
            // One control plane and one microVM worker: two addresses of 10.42.0.10-13, never the gateway .11.
            assertEquals(2, plan.microVms().size(), plan.toString());
            Set<String> ips = plan.microVms().stream().map(PlannedMicroVm::ipAddress).collect(Collectors.toSet());
            assertEquals(Set.of("10.42.0.10", "10.42.0.12"), ips);
            assertEquals("10.42.0.13", plan.clusters().get(0).controlPlaneEndpoint(), "the VIP: the next free address");
            for (PlannedMicroVm vm : plan.microVms()) {
                assertEquals(Ipv4.macFor(vm.ipAddress()), vm.macAddress());
            }

            alive.remove(1);
            awaitTrue(() -> "DOWN".equals(states("ha-1").get("h1")), "h1 DOWN after its agent went silent");
            assertEquals("READY", states("ha-1").get("h2"), "h2's own beats keep it alive");
            assertEquals("READY", states("ha-1").get("h3"), "h3's own beats keep it alive");
            SitePlan renamed = flow.awaitPlan("ha-1", p -> "h2".equals(p.siteStepsHostId()));
            // A microVM keeps its address for its life.
            for (PlannedMicroVm vm : renamed.microVms()) {
                plan.microVms().stream().filter(old -> old.microVmId().equals(vm.microVmId())).findFirst()
                        .ifPresent(old -> assertEquals(old.ipAddress(), vm.ipAddress(), vm.microVmId()));
            }

            // The range has room for three: the cluster's two microVMs and its VIP (.13); another cluster is
            // refused in words.
            JsonNode refused = flow.awaitOutcome(flow.send(TestFleet.cluster("c-ha-2", "ha-1", 1)).requestId());
            assertEquals(EventType.REQUEST_REJECTED.ceType(), refused.path("type").asText(), refused.toString());
            assertTrue(refused.path("data").path("message").asText()
                    .startsWith("site ha-1 has no free management address in 10.42.0.10-10.42.0.13"), refused.toString());
        } finally {
            beating.set(false);
            agents.join();
        }
    }

    @Test
    void aDeletedReportWithoutHostIsAppliedAndNotDeadLettered() throws Exception {
        flow.send(TestFleet.heartbeat("del-1", 2));
        flow.awaitSiteKnown("del-1");
        accepted(flow.send(TestFleet.cluster("c-del", "del-1", 1)).requestId());
        SitePlan plan = flow.awaitPlan("del-1", p -> !p.microVms().isEmpty());
        assertNull(plan.network(), "a site without a network has no address plan");
        assertNull(plan.siteStepsHostId(), "a site-wide agent runs the site's steps");
        PlannedMicroVm vm = plan.microVms().get(0);
        assertNull(vm.ipAddress());

        flow.send(new MicroVmStateChanged("del-1", null, vm.microVmId(), "c-del", MicroVmState.DELETED,
                null, plan.version(), Instant.now()));

        awaitTrue(() -> "DELETED".equals(observedState(vm.microVmId())), "the DELETED report applied");
        assertTrue(flow.kafka.await(Topics.DEAD_LETTERS, r -> r.valueAsString().contains(vm.microVmId()),
                Duration.ofSeconds(2)).isEmpty(), "no dead letter for the agent's own report");
    }

    private String observedState(String microVmId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select observed_state from allocation where microvm_id = ?")) {
            ps.setString(1, microVmId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void accepted(String requestId) {
        JsonNode outcome = flow.awaitOutcome(requestId);
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
