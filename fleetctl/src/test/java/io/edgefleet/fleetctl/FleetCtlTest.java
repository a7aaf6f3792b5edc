package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * fleetctl against a scripted fleet-api: what it sends, what it prints, and its documented exit
 * codes. (The real fleet-api and the whole stack are exercised by running it against the local fleet.)
 */
@QuarkusMainTest
class FleetCtlTest {
    /** An unsigned token naming team-a: fleetctl only reads its groups to default --team. */
    static final String TEAM_A = "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"groups\":[\"team:team-a\"]}".getBytes(StandardCharsets.UTF_8)) + ".sig";
    static final String CLUSTER = """
            {"clusterId":"c1","team":"team-a","siteId":"edge-par-01","status":"%s","reason":null,
             "placement":[{"microVmId":"c1-cp-0","role":"CONTROL_PLANE","hostId":"edge-par-01-h1"},
                          {"microVmId":"c1-cp-1","role":"CONTROL_PLANE","hostId":"edge-par-01-h2"}],
             "changedAt":"2026-01-01T00:00:00Z"}""";

    @Test
    void listPrintsATableOrJsonAndSendsTheTokenAndFilters(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/clusters?site=edge-par-01&page=0&size=50", 200,
                    "{\"items\":[" + CLUSTER.formatted("READY") + "],\"page\":0,\"size\":50,\"total\":1,\"totalPages\":1}");
            LaunchResult table = launcher.launch("cluster", "list", "--site", "edge-par-01", "--api", api.url(),
                    "--token", TEAM_A);
            assertEquals(0, table.exitCode(), table.getErrorOutput());
            assertTrue(table.getOutput().contains("CLUSTER"), table.getOutput());
            assertTrue(table.getOutput().matches("(?s).*c1\\s+team-a\\s+edge-par-01\\s+READY\\s+2\\s+edge-par-01-h1,edge-par-01-h2.*"),
                    table.getOutput());
            assertEquals("Bearer " + TEAM_A, api.calls().get(0).authorization());

            LaunchResult json = launcher.launch("cluster", "list", "--site", "edge-par-01", "-o", "json",
                    "--api", api.url(), "--token", TEAM_A);
            assertEquals(0, json.exitCode());
            JsonNode parsed = ApiClient.JSON.readTree(json.getOutput());
            assertEquals("c1", parsed.path("items").get(0).path("clusterId").asText());
        }
    }

    @Test
    void createBuildsTheRequestFromFlagsWithTheTokensTeam(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/clusters", 202,
                    "{\"requestId\":\"/fleet-api#r1\",\"location\":\"/api/v1/requests/r1\"}");
            LaunchResult r = launcher.launch("cluster", "create", "c1", "--site", "edge-par-01", "--workers", "2",
                    "--label", "purpose=test", "--api", api.url(), "--token", TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().contains("request /fleet-api#r1"), r.getOutput());
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertEquals("team-a", sent.path("team").asText());
            assertEquals(3, sent.path("controlPlane").path("replicas").asInt());
            assertEquals("MICROVM", sent.path("workers").path("kind").asText());
            assertEquals(2, sent.path("workers").path("count").asInt());
            assertEquals("test", sent.path("labels").path("purpose").asText());
        }
    }

    @Test
    void watchPrintsEveryChangeAndEndsZeroOnReady(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/clusters/c1", 404, FakeFleetApi.problem(404, "Not Found", "no cluster c1"))
                    .answer("GET /api/v1/clusters/c1", 200, CLUSTER.formatted("PLACED"))
                    .answer("GET /api/v1/clusters/c1", 200, CLUSTER.formatted("PROVISIONING"))
                    .answer("GET /api/v1/clusters/c1", 200, CLUSTER.formatted("READY"));
            LaunchResult r = launcher.launch("cluster", "watch", "c1", "--api", api.url(), "--token", TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            String out = r.getOutput();
            assertTrue(out.contains("waiting for placement"), out);
            assertTrue(out.indexOf("PLACED") < out.indexOf("PROVISIONING") && out.indexOf("PROVISIONING") < out.indexOf("READY"),
                    out);
        }
    }

    @Test
    void watchEndsOneOnFailedAndCreateWaitEndsOneOnRejection(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/clusters/c1", 200, CLUSTER.formatted("FAILED"));
            assertEquals(ExitCodes.FAILED, launcher.launch("cluster", "watch", "c1", "--api", api.url(),
                    "--token", TEAM_A).exitCode());

            api.answer("POST /api/v1/clusters", 202,
                    "{\"requestId\":\"/fleet-api#r2\",\"location\":\"/api/v1/requests/r2\"}");
            api.answer("GET /api/v1/requests/r2", 200, "{\"requestId\":\"/fleet-api#r2\",\"status\":\"REJECTED\","
                    + "\"code\":\"INSUFFICIENT_CAPACITY\",\"message\":\"no host has 64 free vCPUs\"}");
            api.answer("GET /api/v1/clusters/c2", 404, FakeFleetApi.problem(404, "Not Found", "no cluster c2"));
            LaunchResult r = launcher.launch("cluster", "create", "c2", "--site", "edge-par-01", "--wait",
                    "--api", api.url(), "--token", TEAM_A);
            assertEquals(ExitCodes.FAILED, r.exitCode());
            assertTrue(r.getOutput().contains("REJECTED INSUFFICIENT_CAPACITY: no host has 64 free vCPUs"), r.getOutput());
        }
    }

    /** Cluster c1 with {@code cps} control-plane microVMs and {@code workers} bare-metal workers. */
    static String cluster(String status, int cps, int workers) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < cps + workers; i++) {
            nodes.append(i == 0 ? "" : ",").append(i < cps
                    ? "{\"microVmId\":\"c1-cp-" + i + "\",\"role\":\"CONTROL_PLANE\",\"hostId\":\"h" + i + "\"}"
                    : "{\"microVmId\":null,\"role\":\"WORKER\",\"hostId\":\"h" + i + "\"}");
        }
        return "{\"clusterId\":\"c1\",\"team\":\"team-a\",\"siteId\":\"edge-par-01\",\"status\":\"" + status
                + "\",\"placement\":[" + nodes + "],\"changedAt\":\"2026-01-01T00:00:00Z\"}";
    }

    @Test
    void scaleSendsTheControlPlaneAndWorkerCountsAndWaitsForReadyWithThem(QuarkusMainLauncher launcher)
            throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/clusters/c1/scale", 202,
                    "{\"requestId\":\"/fleet-api#r3\",\"location\":\"/api/v1/requests/r3\"}");
            api.answer("GET /api/v1/requests/r3", 404, FakeFleetApi.problem(404, "Not Found", "no outcome yet"))
                    .answer("GET /api/v1/requests/r3", 200, "{\"requestId\":\"/fleet-api#r3\",\"status\":\"ACCEPTED\"}");
            // READY with the old counts first (the read side has not seen the scale yet), then the change.
            api.answer("GET /api/v1/clusters/c1", 200, cluster("READY", 3, 1))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("READY", 3, 1))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("SCALING", 5, 2))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("READY", 5, 2));
            LaunchResult r = launcher.launch("cluster", "scale", "c1", "--cp", "5", "--workers", "2", "--wait",
                    "--api", api.url(), "--token", TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertEquals(5, sent.path("controlPlaneReplicas").asInt(), sent.toString());
            assertEquals(2, sent.path("workerCount").asInt(), sent.toString());
            String out = r.getOutput();
            assertTrue(out.contains("requested 5 control-plane replica(s) and 2 worker(s) for cluster c1: request /fleet-api#r3"), out);
            assertTrue(out.indexOf("SCALING") > 0 && out.lastIndexOf("READY  7 node(s)") > out.indexOf("SCALING"), out);
            assertEquals(4, api.calls().stream().filter(c -> c.path().equals("/api/v1/clusters/c1")).count(),
                    "a READY with the old counts does not end the wait");

            LaunchResult cpOnly = launcher.launch("cluster", "scale", "c1", "--cp", "3", "--api", api.url(),
                    "--token", TEAM_A);
            assertEquals(0, cpOnly.exitCode(), cpOnly.getErrorOutput());
            JsonNode cp = ApiClient.JSON.readTree(api.calls().get(api.calls().size() - 1).body());
            assertEquals(3, cp.path("controlPlaneReplicas").asInt());
            assertTrue(cp.path("workerCount").isMissingNode(), "workers left as they are: " + cp);

            LaunchResult neither = launcher.launch("cluster", "scale", "c1", "--api", api.url(), "--token", TEAM_A);
            assertEquals(ExitCodes.USAGE, neither.exitCode());
            assertTrue(neither.getErrorOutput().contains("--cp N, --workers N, or both"), neither.getErrorOutput());
        }
    }

    @Test
    void scaleWaitEndsOneWhenPlacementRefuses(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/clusters/c1/scale", 202,
                    "{\"requestId\":\"/fleet-api#r4\",\"location\":\"/api/v1/requests/r4\"}");
            api.answer("GET /api/v1/requests/r4", 200, "{\"requestId\":\"/fleet-api#r4\",\"status\":\"REJECTED\","
                    + "\"code\":\"ANTI_AFFINITY\",\"message\":\"no host without a sibling for control-plane replica c1/cp-5\"}");
            api.answer("GET /api/v1/clusters/c1", 200, cluster("READY", 5, 0));
            LaunchResult r = launcher.launch("cluster", "scale", "c1", "--cp", "7", "--wait", "--api", api.url(),
                    "--token", TEAM_A);
            assertEquals(ExitCodes.FAILED, r.exitCode());
            assertTrue(r.getOutput().contains("REJECTED ANTI_AFFINITY"), r.getOutput());
        }
    }

    @Test
    void errorsMapToTheDocumentedExitCodes(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/clusters/theirs", 403, FakeFleetApi.problem(403, "Forbidden",
                    "team-a-user may not read cluster theirs"));
            api.answer("DELETE /api/v1/clusters/c1", 401, FakeFleetApi.problem(401, "Unauthorized", "a valid bearer token is required"));
            api.answer("POST /api/v1/clusters/c1/scale", 400, "{\"title\":\"Invalid scale request\",\"status\":400,"
                    + "\"errors\":[{\"path\":\"$.workerCount\",\"code\":\"OUT_OF_RANGE\",\"message\":\"$.workerCount: must be between 0 and 64 (got 65)\"}]}");

            LaunchResult forbidden = launcher.launch("cluster", "get", "theirs", "--api", api.url(), "--token", TEAM_A);
            assertEquals(ExitCodes.FORBIDDEN, forbidden.exitCode());
            assertTrue(forbidden.getErrorOutput().contains("403 Forbidden: team-a-user may not"), forbidden.getErrorOutput());
            assertEquals(ExitCodes.UNAUTHORIZED, launcher.launch("cluster", "delete", "c1", "--api", api.url(),
                    "--token", TEAM_A).exitCode());
            LaunchResult invalid = launcher.launch("cluster", "scale", "c1", "--workers", "65", "--api", api.url(),
                    "--token", TEAM_A);
            assertEquals(ExitCodes.INVALID, invalid.exitCode());
            assertTrue(invalid.getErrorOutput().contains("must be between 0 and 64"), invalid.getErrorOutput());
            assertEquals(ExitCodes.NOT_FOUND, launcher.launch("site", "get", "nowhere", "--api", api.url(),
                    "--token", TEAM_A).exitCode());
            assertEquals(ExitCodes.UNAUTHORIZED, launcher.launch("site", "list", "--api", api.url(), "--token", "")
                    .exitCode(), "an empty token is refused before calling");
            assertEquals(ExitCodes.UNAVAILABLE, launcher.launch("site", "list", "--api", "http://localhost:1",
                    "--token", TEAM_A).exitCode());
            assertEquals(ExitCodes.USAGE, launcher.launch("cluster", "scale", "c1").exitCode());
        }
    }
}
