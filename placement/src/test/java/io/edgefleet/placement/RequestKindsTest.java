package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Network functions, worker scaling, cordoned hosts, health and metrics, over the real stack. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class RequestKindsTest extends FlowTest {
    @Test
    void aNetworkFunctionGetsDistinctHostsAndPinnedCoresAndIsDeleted() throws Exception {
        flow.send(TestFleet.heartbeat("nf-1", 4));
        flow.awaitSiteKnown("nf-1");
        accepted(flow.send(TestFleet.cluster("c-nf-1", "nf-1", 1)));
        CloudEvent<EventPayload> nf = flow.send(TestFleet.upf("upf-1", "nf-1", "c-nf-1", 2, 4));
        accepted(nf);

        SitePlan plan = flow.awaitPlan("nf-1", p -> !p.networkFunctions().isEmpty());
        List<PlannedNfReplica> replicas = plan.networkFunctions().get(0).replicas();
        assertEquals(2, replicas.size(), plan.toString());
        assertEquals(2, replicas.stream().map(PlannedNfReplica::hostId).distinct().count(), "distinct hosts");
        for (PlannedNfReplica r : replicas) {
            assertEquals(4, r.pinnedCores().size(), "exact core ids: " + r);
            int first = r.numaNode() * 16;
            assertTrue(r.pinnedCores().stream().allMatch(c -> c >= first && c < first + 16),
                    "cores of the replica's own NUMA node: " + r);
        }
        flow.awaitStatus("upf-1", s -> "PLACED".equals(s.path("status").asText()));

        accepted(flow.send(new NetworkFunctionDeleteRequested("upf-1", "team-a", "nf-1", "c-nf-1", "done")));
        flow.awaitPlan("nf-1", p -> p.networkFunctions().isEmpty() && p.version() > plan.version());
        flow.awaitStatus("upf-1", s -> "DELETED".equals(s.path("status").asText()));
    }

    @Test
    void pinnedCoresAreTheCoreIdsTheHostReportedAboveItsReserve() throws Exception {
        // One host whose kernel numbers cores alternately across its two nodes, as many two-socket servers do:
        // node 0 has the even ids, node 1 the odd ones. The reserve (2 cores) keeps node 0's lowest, 0 and 2.
        List<Integer> even = java.util.stream.IntStream.range(0, 16).map(i -> 2 * i).boxed().toList();
        List<Integer> odd = even.stream().map(i -> i + 1).toList();
        HostInventory host = new HostInventory("h1", "rack-1", HostState.READY,
                List.of("microvm", "sriov:physnet-a"), List.of(
                new NumaInventory(0, 16, 65536, 8, Map.of("physnet-a", 8), even),
                new NumaInventory(1, 16, 65536, 8, Map.of(), odd)), 2, 4096, 4.0, 1800L);
        flow.send(new AgentHeartbeat("ids-1", "test", Instant.now().truncatedTo(ChronoUnit.MILLIS), 3600, List.of(host)));
        flow.awaitSiteKnown("ids-1");
        accepted(flow.send(TestFleet.cluster("c-ids-1", "ids-1", 1)));

        accepted(flow.send(TestFleet.upf("upf-a", "ids-1", "c-ids-1", 1, 10)));
        accepted(flow.send(TestFleet.upf("upf-b", "ids-1", "c-ids-1", 1, 4)));

        SitePlan plan = flow.awaitPlan("ids-1", p -> p.networkFunctions().size() == 2);
        Map<String, List<Integer>> pinned = plan.networkFunctions().stream().collect(java.util.stream.Collectors.toMap(
                nf -> nf.nfId(), nf -> nf.replicas().get(0).pinnedCores()));
        assertEquals(List.of(12, 14, 16, 18, 20, 22, 24, 26, 28, 30), pinned.get("upf-a"), plan.toString());
        assertEquals(List.of(4, 6, 8, 10), pinned.get("upf-b"), "the rest of node 0, never the reserved 0 and 2");
    }

    @Test
    void aNetworkFunctionOfAnUnknownClusterIsRejected() {
        CloudEvent<EventPayload> nf = flow.send(TestFleet.upf("upf-2", "nf-1", "no-such-cluster", 1, 2));
        JsonNode outcome = flow.awaitOutcome(nf.requestId());
        assertEquals(EventType.REQUEST_REJECTED.ceType(), outcome.get("type").asText());
        assertEquals("UNKNOWN_CLUSTER", outcome.get("data").get("code").asText());
        assertEquals("team-a", outcome.get("data").get("team").asText(), "the refusal names the request's team");
    }

    @Test
    void scalingChangesTheWorkerCountOnly() throws Exception {
        flow.send(TestFleet.heartbeat("scale-1", 4));
        flow.awaitSiteKnown("scale-1");
        accepted(flow.send(TestFleet.cluster("c-scale", "scale-1", 3)));
        accepted(flow.send(new ClusterScaleRequested("c-scale", "team-a", "scale-1", 3)));
        SitePlan plan = flow.awaitPlan("scale-1", p -> workers(p, "c-scale") == 3);
        assertEquals(3, plan.microVms().stream().filter(vm -> vm.role() == MicroVmRole.CONTROL_PLANE).count());

        accepted(flow.send(new ClusterScaleRequested("c-scale", "team-a", "scale-1", 0)));
        flow.awaitPlan("scale-1", p -> workers(p, "c-scale") == 0 && p.version() > plan.version());
        CloudEvent<EventPayload> wrongTeam = flow.send(new ClusterScaleRequested("c-scale", "team-b", "scale-1", 2));
        assertEquals("NOT_OWNER", flow.awaitOutcome(wrongTeam.requestId()).get("data").get("code").asText());
    }

    @Test
    void aCordonedHostReceivesNothingNew() throws Exception {
        // h1 and h2 cordoned: the three control planes must use h3, h4, h5.
        flow.send(TestFleet.heartbeat("cordon-1", 5, 3600, i -> i <= 2 ? HostState.CORDONED : HostState.READY,
                i -> true));
        flow.awaitSiteKnown("cordon-1");
        accepted(flow.send(TestFleet.cluster("c-cordon", "cordon-1", 3)));
        SitePlan plan = flow.awaitPlan("cordon-1", p -> !p.microVms().isEmpty());
        Set<String> hosts = plan.microVms().stream().map(PlannedMicroVm::hostId).collect(Collectors.toSet());
        assertTrue(hosts.stream().noneMatch(h -> h.equals("h1") || h.equals("h2")), "placed on " + hosts);
    }

    @Test
    void healthChecksKafkaAndPostgresqlAndMetricsAreExposed() throws Exception {
        String health = RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(health.contains("placement-kafka") && health.contains("placement-postgresql"), health);
        flow.send(TestFleet.heartbeat("metrics-1", 3));
        flow.awaitSiteKnown("metrics-1");
        accepted(flow.send(TestFleet.cluster("c-metrics", "metrics-1", 3)));
        accepted(flow.send(TestFleet.cluster("c-metrics-2", "metrics-unknown", 1)), false);
        String metrics = RestAssured.get("/q/metrics").asString();
        Set<String> missing = new HashSet<>();
        for (String name : List.of("fleet_placement_requests_total", "fleet_placement_decision_seconds",
                "fleet_placement_batch_seconds", "fleet_outbox_backlog", "fleet_hosts", "fleet_baremetal_hosts_saved",
                "fleet_outbox_published_total")) {
            if (!metrics.contains(name)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "missing metrics " + missing);
        assertTrue(metrics.contains("reason=\"SITE_UNKNOWN\""), "rejections counted by reason");
        // promtool check metrics refuses a family without help text.
        List<String> withoutHelp = metrics.lines().filter(l -> l.startsWith("# HELP fleet_"))
                .filter(l -> l.split(" ", 4).length < 4 || l.split(" ", 4)[3].isBlank()).toList();
        assertTrue(withoutHelp.isEmpty(), "fleet_ metrics without help text: " + withoutHelp);
        // The per-site heartbeat age, for the "agent heartbeat missing" alert (gauges refresh every second here).
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (!RestAssured.get("/q/metrics").asString().contains("fleet_site_heartbeat_age_seconds{site=\"metrics-1\"}")) {
            assertTrue(System.nanoTime() < deadline, "no heartbeat age gauge for metrics-1");
            Thread.sleep(200);
        }
    }

    private void accepted(CloudEvent<EventPayload> request) {
        accepted(request, true);
    }

    private void accepted(CloudEvent<EventPayload> request, boolean expectAccepted) {
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        if (expectAccepted) {
            assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.get("type").asText(), outcome.toString());
        }
    }

    private static long workers(SitePlan plan, String clusterId) {
        return plan.clusters().stream().filter(c -> c.clusterId().equals(clusterId))
                .mapToLong(c -> c.workerMicroVmIds().size() + c.workerHostIds().size()).sum();
    }
}
