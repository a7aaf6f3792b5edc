package io.edgefleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.fleet.FleetPorts;
import io.edgefleet.localstack.fleet.FleetStack;
import io.edgefleet.localstack.fleet.TokenCommand;
import io.edgefleet.localstack.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end, over real processes: a ClusterRequested CloudEvent on
 * fleet.cluster-requests.v1 → placement places 3 control-plane microVMs on 3 distinct hosts and
 * publishes the site's plan → the site's agent boots them with the simulated driver and reports →
 * placement marks the cluster READY → fleet-api answers READY with its placement.
 * Every hop is a separate process talking through the real broker; cut one and this fails.
 */
class ClusterReadyEndToEndIT {
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static FleetStack fleet;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edgefleet.repo", "../.."));
        FleetPorts ports = new FleetPorts(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick() - 10);
        fleet = new FleetStack(repo, Path.of("target", "fleet-" + ProcessHandle.current().pid()), ports, System.out);
        fleet.up(2, false);
    }

    @AfterAll
    static void down() throws Exception {
        if (fleet != null) {
            fleet.down();
        }
    }

    @Test
    void aRequestedClusterBecomesReadyWithThreeControlPlanesOnDistinctHosts() throws Exception {
        ClusterRequested request = new ClusterRequested("e2e-1", "team-a", "edge-par-02", "1.31.2",
                new ControlPlane(3, 2, 4096, 20), new Workers(WorkerKind.MICROVM, 1, 4, 8192L, 40), null, Map.of());
        CloudEvent<ClusterRequested> event = CloudEvent.of("/e2e-test", request);
        try (TestKafka kafka = new TestKafka("localhost:" + fleet.ports().kafka())) {
            kafka.send(CloudEventCodec.encode(event));
        }

        JsonNode cluster = awaitStatus("e2e-1", "READY", event.id());
        Set<String> hosts = new HashSet<>();
        int controlPlanes = 0;
        for (JsonNode node : cluster.get("placement")) {
            if ("CONTROL_PLANE".equals(node.get("role").asText())) {
                controlPlanes++;
                hosts.add(node.get("hostId").asText());
            }
        }
        assertEquals(3, controlPlanes, cluster.toString());
        assertEquals(3, hosts.size(), "control planes on 3 distinct hosts: " + cluster);
        assertTrue(hosts.stream().allMatch(h -> h.startsWith("edge-par-02-")), "placed on the requested site: " + hosts);
    }

    /** fleet-api answers only with a bearer token: an admin token signed with the local stack's dev key. */
    private static HttpResponse<String> getWithToken(String url) throws Exception {
        String token = TokenCommand.admin(Path.of(System.getProperty("edgefleet.repo", "../..")), Duration.ofMinutes(10));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static JsonNode awaitStatus(String clusterId, String status, String requestCeId) throws Exception {
        String url = "http://localhost:" + fleet.ports().api() + "/api/v1/clusters/" + clusterId;
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = getWithToken(url);
            if (r != null) {
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    JsonNode body = EventJson.mapper().readTree(r.body());
                    if (status.equals(body.path("status").asText())) {
                        return body;
                    }
                }
            }
            Thread.sleep(200);
        }
        HttpResponse<String> outcome = getWithToken("http://localhost:" + fleet.ports().api() + "/api/v1/requests/"
                + requestCeId + "?source=/e2e-test");
        throw new AssertionError("cluster " + clusterId + " not " + status + " within " + READY_WITHIN.toSeconds()
                + " s; last answer: " + last + "; request outcome: " + (outcome == null ? "no answer"
                : outcome.statusCode() + " " + outcome.body()) + "; logs in " + fleet.runDir().resolve("logs"));
    }
}
