package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * {@code fleetctl cluster upgrade} against a scripted fleet-api: what it sends, that --wait follows the upgrade's
 * progress (the cluster stays READY throughout) to its end, and that a stopped roll or a refusal exits 1.
 */
@QuarkusMainTest
class ClusterUpgradeCommandTest {

    /** Cluster c1 at {@code version}, READY, with its upgrade to 1.32 in {@code state} at {@code step}; none if state is null. */
    private static String cluster(String version, String state, String step, String reason) {
        String upgrade = state == null ? "" : ",\"upgrade\":{\"from\":\"1.31\",\"to\":\"1.32\",\"step\":\"" + step
                + "\",\"state\":\"" + state + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
        return "{\"clusterId\":\"c1\",\"team\":\"team-a\",\"siteId\":\"edge-par-01\",\"status\":\"READY\",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"placement\":[],\"changedAt\":\"2026-01-01T00:00:00Z\","
                + "\"kubernetesVersion\":\"" + version + "\"" + upgrade + "}";
    }

    private static FakeFleetApi accepting(FakeFleetApi api, String id) {
        api.answer("POST /api/v1/clusters/c1/upgrade", 202,
                "{\"requestId\":\"/fleet-api#" + id + "\",\"location\":\"/api/v1/requests/" + id + "\"}");
        return api.answer("GET /api/v1/requests/" + id, 200, "{\"requestId\":\"/fleet-api#" + id + "\",\"status\":\"ACCEPTED\"}");
    }

    @Test
    void upgradeSendsTheVersionAndWaitsUntilEveryReplicaRunsIt(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = accepting(new FakeFleetApi(), "u1")) {
            api.answer("GET /api/v1/clusters/c1", 200, cluster("1.31", null, null, null))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("1.31", "ROLLING", "control plane replica 1 of 3", null))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("1.31", "ROLLING", "worker 1 of 1", null))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("1.32", "DONE", "done", null));
            LaunchResult r = launcher.launch("cluster", "upgrade", "c1", "--to", "1.32", "--wait", "--api", api.url(),
                    "--token", FleetCtlTest.TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput() + r.getOutput());
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertEquals("1.32", sent.path("kubernetesVersion").asText(), sent.toString());
            assertTrue(r.getOutput().contains("requested upgrade of cluster c1 to 1.32: request /fleet-api#u1"), r.getOutput());
            assertEquals(4, api.calls().stream().filter(c -> c.path().equals("/api/v1/clusters/c1")).count(),
                    "a READY cluster whose upgrade still rolls does not end the wait");
        }
    }

    @Test
    void aRollThatStopsEndsTheWaitWithOneAndTheReason(QuarkusMainLauncher launcher) throws Exception {
        String why = "upgrade 1.31 -> 1.32 stopped at control plane replica 2 of 3: microVM c1-cp-4 failed on host h2";
        try (FakeFleetApi api = accepting(new FakeFleetApi(), "u2")) {
            api.answer("GET /api/v1/clusters/c1", 200, cluster("1.31", "ROLLING", "control plane replica 2 of 3", null))
                    .answer("GET /api/v1/clusters/c1", 200, cluster("1.31", "FAILED", "control plane replica 2 of 3", why));
            LaunchResult r = launcher.launch("cluster", "upgrade", "c1", "--to", "1.32", "--wait", "--api", api.url(),
                    "--token", FleetCtlTest.TEAM_A);
            assertEquals(ExitCodes.FAILED, r.exitCode(), r.getOutput());
            assertTrue(r.getOutput().contains(why), r.getOutput());
        }
    }

    @Test
    void aRefusedUpgradeExitsOneAndGetShowsTheVersion(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/clusters/c1/upgrade", 202,
                    "{\"requestId\":\"/fleet-api#u3\",\"location\":\"/api/v1/requests/u3\"}");
            api.answer("GET /api/v1/requests/u3", 200, "{\"requestId\":\"/fleet-api#u3\",\"status\":\"REJECTED\","
                    + "\"code\":\"INVALID_UPGRADE\",\"message\":\"cluster c1: an upgrade may not skip a minor version\"}");
            LaunchResult r = launcher.launch("cluster", "upgrade", "c1", "--to", "1.33", "--wait", "--api", api.url(),
                    "--token", FleetCtlTest.TEAM_A);
            assertEquals(ExitCodes.FAILED, r.exitCode());
            assertTrue(r.getOutput().contains("REJECTED INVALID_UPGRADE"), r.getOutput());

            api.answer("GET /api/v1/clusters/c1", 200, cluster("1.31", "ROLLING", "control plane replica 1 of 3", null));
            LaunchResult get = launcher.launch("cluster", "get", "c1", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(0, get.exitCode(), get.getErrorOutput());
            assertTrue(get.getOutput().contains("version    1.31"), get.getOutput());
            assertTrue(get.getOutput().contains("upgrade    1.31 -> 1.32: ROLLING, control plane replica 1 of 3"),
                    get.getOutput());
            assertEquals(ExitCodes.USAGE, launcher.launch("cluster", "upgrade", "c1", "--api", api.url(), "--token",
                    FleetCtlTest.TEAM_A).exitCode(), "--to is required");
        }
    }
}
