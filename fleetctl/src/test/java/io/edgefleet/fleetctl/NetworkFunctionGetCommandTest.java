package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code fleetctl nf get}: the network function's status with the reason its site gave, and where its replicas run. */
@QuarkusMainTest
class NetworkFunctionGetCommandTest {
    static final String NF = """
            {"nfId":"upf-1","clusterId":"c1","team":"team-a","siteId":"edge-par-01","status":"%s","reason":%s,
             "replicas":[{"index":0,"hostId":"edge-par-01-h1","numaNode":1},{"index":1,"hostId":"edge-par-01-h2","numaNode":0}],
             "changedAt":"2026-01-01T00:00:00Z"}""";
    static final String UNSCHEDULABLE = "0/3 nodes are available: 3 Insufficient intel.com/sriov_physnet_a";

    @Test
    void showsStatusReasonAndReplicas(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/network-functions/upf-1?cluster=c1", 200,
                    NF.formatted("DEPLOYING", "\"" + UNSCHEDULABLE + "\""));
            LaunchResult r = launcher.launch("nf", "get", "upf-1", "--cluster", "c1", "--api", api.url(), "--token",
                    FleetCtlTest.TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().matches("(?s).*status\\s+DEPLOYING\\s+reason\\s+" + java.util.regex.Pattern.quote(UNSCHEDULABLE)
                    + "\\s+changed.*"), r.getOutput());
            assertTrue(r.getOutput().matches("(?s).*0\\s+edge-par-01-h1\\s+1\\s+1\\s+edge-par-01-h2\\s+0.*"), r.getOutput());
        }
    }

    @Test
    void aRunningNetworkFunctionHasNoReasonLine(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/network-functions/upf-1", 200, NF.formatted("RUNNING", "null"));
            LaunchResult r = launcher.launch("nf", "get", "upf-1", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().matches("(?s).*status\\s+RUNNING\\s+changed.*"), r.getOutput());
            assertFalse(r.getOutput().contains("reason"), r.getOutput());
            assertEquals(ExitCodes.NOT_FOUND, launcher.launch("nf", "get", "nowhere", "--api", api.url(), "--token",
                    FleetCtlTest.TEAM_A).exitCode());
        }
    }

    @Test
    void createWaitFollowsTheReasonsToRunningOrEndsOneOnARejection(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            // the fake answers a path's scripted answers in turn: the first create gets r1, the second r2
            api.answer("POST /api/v1/network-functions", 202,
                    "{\"requestId\":\"/fleet-api#r1\",\"location\":\"/api/v1/requests/r1\"}")
                    .answer("POST /api/v1/network-functions", 202,
                            "{\"requestId\":\"/fleet-api#r2\",\"location\":\"/api/v1/requests/r2\"}");
            api.answer("GET /api/v1/requests/r1", 200, "{\"requestId\":\"/fleet-api#r1\",\"status\":\"ACCEPTED\"}");
            api.answer("GET /api/v1/network-functions/upf-1?cluster=c1", 200,
                            NF.formatted("DEPLOYING", "\"" + UNSCHEDULABLE + "\""))
                    .answer("GET /api/v1/network-functions/upf-1?cluster=c1", 200, NF.formatted("RUNNING", "null"));
            LaunchResult r = launcher.launch("nf", "create", "upf-1", "--cluster", "c1", "--site", "edge-par-01",
                    "--team", "team-a", "--vendor", "acme", "--wait", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            String out = r.getOutput();
            assertTrue(out.contains("DEPLOYING  2 replica(s) on edge-par-01-h1/NUMA 1, edge-par-01-h2/NUMA 0  ("
                    + UNSCHEDULABLE + ")"), out);
            assertTrue(out.indexOf("DEPLOYING") < out.indexOf("RUNNING"), out);
            String sent = api.calls().stream().filter(c -> c.method().equals("POST")).findFirst().orElseThrow().body();
            assertEquals("acme", new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent).path("vendor").asText());

            api.answer("GET /api/v1/requests/r2", 200, "{\"requestId\":\"/fleet-api#r2\",\"status\":\"REJECTED\","
                    + "\"code\":\"NO_NUMA_FIT\",\"message\":\"no host has 40 cores on one NUMA node\"}");
            api.answer("GET /api/v1/network-functions/upf-2?cluster=c1", 404,
                    FakeFleetApi.problem(404, "Not Found", "no network function upf-2"));
            LaunchResult rejected = launcher.launch("nf", "create", "upf-2", "--cluster", "c1", "--site", "edge-par-01",
                    "--team", "team-a", "--wait", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(ExitCodes.FAILED, rejected.exitCode());
            assertTrue(rejected.getOutput().contains("REJECTED NO_NUMA_FIT: no host has 40 cores on one NUMA node"),
                    rejected.getOutput());
        }
    }
}
