package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.events.report.NetworkFunctionState;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A site's network-function reports move the NF's status, over the real stack: DEPLOYING with
 * Kubernetes' reason, announced once however often the agent repeats it; RUNNING without a reason;
 * FAILED, which keeps the NF's allocations and lets its team delete it; and nothing for an NF of
 * another cluster or one that is deleted. An NF placement failed for good (its replicas lost with
 * their host, nothing held) stays FAILED whatever its site reports, and is gone for a delete.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class NetworkFunctionReportsTest extends FlowTest {
    private static final String SITE = "nfr-1";
    private static final String CLUSTER = "c-nfr";
    private static final String UNSCHEDULABLE = "0/3 nodes are available: 3 Insufficient intel.com/sriov_physnet_a";

    @Test
    void reportsMoveTheStatusOfALiveNetworkFunctionOnly() throws Exception {
        flow.send(TestFleet.heartbeat(SITE, 4));
        flow.awaitSiteKnown(SITE);
        accepted(flow.send(TestFleet.cluster(CLUSTER, SITE, 1)));
        accepted(flow.send(TestFleet.upf("upf-r", SITE, CLUSTER, 2, 2)));
        accepted(flow.send(TestFleet.upf("upf-witness", SITE, CLUSTER, 1, 2)));
        flow.awaitStatus("upf-r", s -> "PLACED".equals(s.path("status").asText()));

        // Another cluster's NF of that id is not this one: ignored.
        flow.send(report("upf-r", "c-elsewhere", NetworkFunctionState.RUNNING, null));
        flow.send(report("upf-r", CLUSTER, NetworkFunctionState.DEPLOYING, UNSCHEDULABLE));
        JsonNode deploying = flow.awaitStatus("upf-r", s -> "DEPLOYING".equals(s.path("status").asText()));
        assertEquals(UNSCHEDULABLE, deploying.path("reason").asText());
        assertEquals(2, deploying.path("replicas").size(), "the replicas' placement comes with it: " + deploying);
        assertEquals(List.of(CLUSTER + "/upf-r"), keys("upf-r", "DEPLOYING"), "keyed clusterId/nfId");
        assertEquals("DEPLOYING", column("status", "upf-r"));
        assertEquals(UNSCHEDULABLE, column("reason", "upf-r"));

        // The agent repeats its measurement at each refresh: no second event.
        flow.send(report("upf-r", CLUSTER, NetworkFunctionState.DEPLOYING, UNSCHEDULABLE));
        flow.send(report("upf-r", CLUSTER, NetworkFunctionState.RUNNING, null));
        JsonNode running = flow.awaitStatus("upf-r", s -> "RUNNING".equals(s.path("status").asText()));
        assertTrue(running.path("reason").isNull() || running.path("reason").isMissingNode(), running.toString());
        assertEquals(null, column("reason", "upf-r"));
        assertEquals(1, keys("upf-r", "DEPLOYING").size(), "the repeated DEPLOYING is not announced again");
        assertEquals(1, keys("upf-r", "RUNNING").size(), "nor is the other cluster's RUNNING");

        flow.send(report("upf-r", CLUSTER, NetworkFunctionState.FAILED, "ImagePullBackOff"));
        JsonNode failed = flow.awaitStatus("upf-r", s -> "FAILED".equals(s.path("status").asText()));
        assertEquals("ImagePullBackOff", failed.path("reason").asText());
        assertEquals("2", count("select count(*) from allocation where owner_id = ?", "upf-r"),
                "a report-FAILED NF still holds its replicas");

        // Its team can delete it, which frees them.
        accepted(flow.send(new NetworkFunctionDeleteRequested("upf-r", "team-a", SITE, CLUSTER, "giving up")));
        flow.awaitStatus("upf-r", s -> "DELETED".equals(s.path("status").asText()));
        awaitTrue(() -> "0".equals(count("select count(*) from allocation where owner_id = ?", "upf-r")),
                "the deleted NF's allocations are freed");

        // A report for the deleted NF changes nothing; the witness's report after it (same site, same
        // partition, applied in order) shows it was applied.
        flow.send(report("upf-r", CLUSTER, NetworkFunctionState.RUNNING, null));
        flow.send(report("upf-witness", CLUSTER, NetworkFunctionState.RUNNING, null));
        flow.awaitStatus("upf-witness", s -> "RUNNING".equals(s.path("status").asText()));
        assertEquals("DELETED", column("status", "upf-r"));
        assertEquals(1, keys("upf-r", "RUNNING").size(), "no RUNNING for the deleted NF");
    }

    @Test
    void anNfPlacementFailedForGoodStaysFailedAndCannotBeDeleted() throws Exception {
        String site = "nfr-2";
        AtomicBoolean beating = new AtomicBoolean(true);
        // Heartbeats every 500 ms announcing a 1 s interval: a host they stop listing is DOWN after 3 s.
        String[] silent = {null};
        Thread agent = new Thread(() -> {
            while (beating.get()) {
                String gone = silent[0];
                flow.send(TestFleet.heartbeat(site, 3, 1, i -> HostState.READY, i -> !("h" + i).equals(gone)));
                sleep(500);
            }
        });
        agent.start();
        try {
            flow.awaitSiteKnown(site);
            accepted(flow.send(TestFleet.cluster("c-nfr-2", site, 1)));
            accepted(flow.send(TestFleet.upf("upf-lost", site, "c-nfr-2", 3, 2)));
            SitePlan placed = flow.awaitPlan(site, p -> !p.networkFunctions().isEmpty() && !p.microVms().isEmpty());
            PlannedMicroVm controlPlane = placed.microVms().get(0);
            // Three replicas on three hosts: the one on a host without the control plane cannot move anywhere.
            silent[0] = placed.networkFunctions().get(0).replicas().stream().map(PlannedNfReplica::hostId)
                    .filter(h -> !h.equals(controlPlane.hostId())).findFirst().orElseThrow();
            flow.awaitStatus("upf-lost", s -> "FAILED".equals(s.path("status").asText()));
            assertEquals("0", count("select count(*) from allocation where owner_id = ?", "upf-lost"));

            // Its pods on the hosts left may still be reported running: it stays FAILED.
            flow.send(report(site, "upf-lost", "c-nfr-2", NetworkFunctionState.RUNNING, null));
            flow.send(new MicroVmStateChanged(site, controlPlane.hostId(), controlPlane.microVmId(), "c-nfr-2",
                    MicroVmState.RUNNING, null, placed.version(), Instant.now()));
            awaitTrue(() -> "RUNNING".equals(count("select observed_state from allocation where microvm_id = ?",
                    controlPlane.microVmId())), "the report after the NF's is applied");
            assertEquals("FAILED", column("status", "upf-lost"));

            JsonNode outcome = flow.awaitOutcome(flow.send(new NetworkFunctionDeleteRequested("upf-lost", "team-a",
                    site, "c-nfr-2", "cleanup")).requestId());
            assertEquals(EventType.REQUEST_REJECTED.ceType(), outcome.path("type").asText(), outcome.toString());
            assertEquals("UNKNOWN_NETWORK_FUNCTION", outcome.path("data").path("code").asText(), outcome.toString());
        } finally {
            beating.set(false);
            agent.join();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NetworkFunctionReported report(String nfId, String clusterId, NetworkFunctionState state,
                                                  String reason) {
        return report(SITE, nfId, clusterId, state, reason);
    }

    private static NetworkFunctionReported report(String siteId, String nfId, String clusterId,
                                                  NetworkFunctionState state, String reason) {
        int running = state == NetworkFunctionState.RUNNING ? 2 : 0;
        return new NetworkFunctionReported(siteId, nfId, clusterId, state, running, 2, reason, 1, Instant.now());
    }

    private void accepted(CloudEvent<EventPayload> request) {
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
    }

    /** The Kafka keys of the NF's status events with this status, read from the status topic. */
    private List<String> keys(String nfId, String status) {
        return flow.kafka.all(Topics.CLUSTER_STATUS, r -> nfId.equals(r.headers().get(CloudEventHeaders.SUBJECT))
                && status.equals(Flow.json(r).path("status").asText()), Duration.ofSeconds(1))
                .stream().map(TestKafka.Received::key).toList();
    }

    private String column(String column, String nfId) throws Exception {
        return count("select " + column + " from network_function where nf_id = ?", nfId);
    }

    private String count(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
