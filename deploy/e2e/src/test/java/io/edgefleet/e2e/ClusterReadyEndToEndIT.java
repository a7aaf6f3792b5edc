package io.edgefleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.Topics;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.KafkaAccess;
import io.edgefleet.localstack.StackProcess;
import io.edgefleet.localstack.fleet.FleetPorts;
import io.edgefleet.localstack.fleet.FleetState;
import io.edgefleet.localstack.fleet.FleetStack;
import io.edgefleet.localstack.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end, over real processes: a ClusterRequested CloudEvent on
 * fleet.cluster-requests.v1 → placement places 3 control-plane microVMs on 3 distinct hosts and
 * publishes the site's plan → the site's agent boots them with the simulated driver and reports →
 * placement marks the cluster READY → fleet-api answers READY with its placement.
 * Every hop is a separate process talking through the real broker; cut one and this fails.
 * Placement enforces site signatures: the agents sign with keys the stack enrolled before they started.
 * The broker is a SASL_SSL broker, as in production: every service and test client connects with TLS and its own
 * SCRAM user, so a client that breaks the chart's Kafka settings breaks this test.
 */
class ClusterReadyEndToEndIT {
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static FleetStack fleet;
    private static FleetState state;
    private static FleetProbes probes;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edgefleet.repo", "../.."));
        FleetPorts ports = new FleetPorts(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick() - 10);
        fleet = new FleetStack(repo, Path.of("target", "fleet-" + ProcessHandle.current().pid()), ports, System.out);
        state = fleet.up(2, false);
        probes = new FleetProbes(fleet, READY_WITHIN);
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
        try (TestKafka kafka = new TestKafka(fleet.kafka().client(KafkaAccess.ADMIN))) {
            kafka.send(CloudEventCodec.encode(event));
        }

        JsonNode cluster = probes.awaitStatus("e2e-1", "READY", event.id());
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

    @Test
    void everyServiceTalksSaslSslWithItsPasswordOutOfItsCommandLineAndABadPasswordIsRefused() throws Exception {
        KafkaAccess kafka = fleet.kafka();
        assertTrue(kafka.saslSsl(), kafka.toString());
        List<StackProcess> services = state.processes().stream()
                .filter(p -> !p.name().equals("kafka") && !p.name().equals("postgres")).toList();
        assertEquals(4, services.size(), "placement, two agents and fleet-api: " + services);
        for (StackProcess service : services) {
            String commandLine = service.commandLine().orElseThrow();
            assertTrue(commandLine.contains("-Dkafka.security.protocol=SASL_SSL"), commandLine);
            for (String user : List.of(KafkaAccess.PLACEMENT, KafkaAccess.SITE_AGENT, KafkaAccess.FLEET_API)) {
                assertFalse(commandLine.contains(kafka.password(user)), service.name() + " shows a password in ps");
            }
        }
        Map<String, Object> wrong = new HashMap<>(kafka.client(KafkaAccess.FLEET_API));
        wrong.put("sasl.jaas.config", KafkaAccess.jaas(KafkaAccess.FLEET_API, "guessed"));
        wrong.put("max.block.ms", 10000);
        try (TestKafka intruder = new TestKafka(wrong)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> intruder.send(Topics.CLUSTER_REQUESTS, "edge-par-01", Map.of(), new byte[1]));
            assertTrue(refused.getCause().getCause() instanceof SaslAuthenticationException,
                    String.valueOf(refused.getCause()));
        }
    }

    @Test
    void placementVerifiesEveryReportAndDropsAForgedOne() throws Exception {
        // Every simulated site was enrolled before its agent started, so none of their reports was refused.
        Map<String, Double> dropped = probes.dropped();
        assertEquals(Set.of("MISSING", "MALFORMED", "UNKNOWN_SITE", "WRONG_SITE", "BAD_SIGNATURE", "UNKNOWN_HOST", "WRONG_HOST",
                "REPLAYED", "STALE"), dropped.keySet());
        assertTrue(dropped.values().stream().allMatch(v -> v == 0.0), "reports of the simulated sites refused: " + dropped);

        // An unsigned heartbeat, as anyone with write access to the topic could send, is dropped and counted.
        AgentHeartbeat forged = new AgentHeartbeat("edge-par-99", "forged", Instant.now(), 10, List.of());
        try (TestKafka kafka = new TestKafka(fleet.kafka().client(KafkaAccess.ADMIN))) {
            kafka.send(CloudEventCodec.encode(CloudEvent.of("/site-agent/edge-par-99", forged)));
        }
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (probes.dropped().getOrDefault("MISSING", 0.0) < 1.0) {
            assertTrue(System.nanoTime() < deadline, "the forged heartbeat was not counted: " + probes.dropped());
            Thread.sleep(200);
        }
        String sites = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + fleet.ports().placement() + "/api/v1/sites")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(!sites.contains("edge-par-99"), "the forged site must not be known: " + sites);
    }

    /**
     * The team's cluster lifecycle of issue "Clusters for real", over the real processes: create with 3 control
     * planes, scale to 5 and back to 3 (each READY with that many control planes, etcd members included), then
     * the owning team's kubeconfig, which a real kubectl accepts, names the cluster's VIP; another team gets 403.
     */
    @Test
    void aTeamScalesItsControlPlaneAndGetsItsKubeconfig() throws Exception {
        TeamCalls teamA = new TeamCalls(fleet.ports().api(), "team-a");
        HttpResponse<String> created = teamA.post("/clusters", "{\"clusterId\": \"demo-3\", \"team\": \"team-a\", "
                + "\"siteId\": \"edge-par-01\", \"kubernetesVersion\": \"1.31.2\", \"controlPlane\": {\"replicas\": 3, "
                + "\"vcpu\": 2, \"memoryMib\": 2048, \"diskGib\": 20}, \"workers\": {\"kind\": \"MICROVM\", \"count\": 1, "
                + "\"vcpu\": 2, \"memoryMib\": 2048, \"diskGib\": 20}}");
        assertEquals(202, created.statusCode(), created.body());
        assertEquals(3, FleetProbes.controlPlanes(probes.awaitControlPlanes(teamA, "demo-3", 3, created)));
        for (int replicas : new int[] {5, 3}) {
            HttpResponse<String> scaled = teamA.post("/clusters/demo-3/scale", "{\"controlPlaneReplicas\": " + replicas + "}");
            assertEquals(202, scaled.statusCode(), scaled.body());
            assertEquals(replicas, FleetProbes.controlPlanes(probes.awaitControlPlanes(teamA, "demo-3", replicas, scaled)));
        }

        HttpResponse<String> kubeconfig = teamA.get("/clusters/demo-3/kubeconfig");
        assertEquals(200, kubeconfig.statusCode(), kubeconfig.body());
        Path file = fleet.runDir().resolve("demo-3.kubeconfig");
        java.nio.file.Files.writeString(file, kubeconfig.body());
        Process view = new ProcessBuilder("kubectl", "config", "view", "--raw", "--kubeconfig", file.toString(),
                "-o", "jsonpath={.clusters[0].cluster.server}").redirectErrorStream(true).start();
        String server = new String(view.getInputStream().readAllBytes()).trim();
        assertEquals(0, view.waitFor(), server);
        assertTrue(server.matches("https://10\\.200\\.1\\.\\d+:6443"), "the cluster's VIP on edge-par-01's network: " + server);

        HttpResponse<String> otherTeam = new TeamCalls(fleet.ports().api(), "team-b").get("/clusters/demo-3/kubeconfig");
        assertEquals(403, otherTeam.statusCode(), otherTeam.body());
    }

    /**
     * Issue "Network functions for real", over the real processes: a team's UPF reaches RUNNING on a node of its
     * cluster (the agent joined its host and placed the pod); an impossible one is refused, and both the NF's read
     * and the team's dashboard snapshot say why.
     */
    @Test
    void aTeamsNetworkFunctionRunsAndAnImpossibleOneSaysWhy() throws Exception {
        TeamCalls teamA = new TeamCalls(fleet.ports().api(), "team-a");
        assertEquals(202, teamA.post("/clusters", "{\"clusterId\": \"nf-e2e\", \"team\": \"team-a\", \"siteId\": "
                + "\"edge-par-02\", \"kubernetesVersion\": \"1.31.2\", \"controlPlane\": {\"replicas\": 1, \"vcpu\": 2, "
                + "\"memoryMib\": 2048, \"diskGib\": 20}, \"workers\": {\"kind\": \"BARE_METAL\", \"count\": 1}}").statusCode());
        JsonNode cluster = teamA.await("/clusters/nf-e2e", c -> "READY".equals(c.path("status").asText()), READY_WITHIN);
        String worker = cluster.path("placement").findParents("role").stream().filter(n -> "WORKER".equals(n.path("role")
                .asText())).findFirst().orElseThrow().path("hostId").asText();
        String upf = "{\"nfId\": \"%s\", \"team\": \"team-a\", \"siteId\": \"edge-par-02\", \"clusterId\": \"nf-e2e\", "
                + "\"kind\": \"UPF\", \"replicas\": 1, \"pinnedCores\": %d, \"hugepages1Gi\": 2, \"memoryMib\": 2048, "
                + "\"vfsByPhysnet\": {\"physnet-a\": 1}}";

        assertEquals(202, teamA.post("/network-functions", upf.formatted("upf-e2e", 4)).statusCode());
        JsonNode running = teamA.await("/network-functions/upf-e2e", nf -> "RUNNING".equals(nf.path("status").asText()),
                READY_WITHIN);
        assertEquals(worker, running.path("replicas").get(0).path("hostId").asText(), "on its cluster's bare-metal worker");

        assertEquals(202, teamA.post("/network-functions", upf.formatted("upf-too-big", 60)).statusCode());
        JsonNode failed = teamA.await("/fleet/snapshot", s -> s.path("networkFunctions").findValuesAsText("nfId")
                .contains("upf-too-big"), READY_WITHIN);
        String reason = failed.path("networkFunctions").findParents("nfId").stream()
                .filter(nf -> nf.path("nfId").asText().equals("upf-too-big")).findFirst().orElseThrow().path("reason").asText();
        assertTrue(reason.startsWith("rejected: "), reason);
        HttpResponse<String> read = teamA.get("/network-functions/upf-too-big");
        assertEquals(404, read.statusCode());
        assertTrue(read.body().contains("its creation was rejected") && read.body().contains(reason.substring(10)), read.body());
    }
}
