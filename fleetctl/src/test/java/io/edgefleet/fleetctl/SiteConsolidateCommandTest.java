package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * {@code fleetctl site consolidate}: the body fleet-api expects, a dry run's moves and hosts printed, an apply
 * followed to its end with --wait, a cancel, a refusal and bad usage with their exit codes.
 */
@QuarkusMainTest
class SiteConsolidateCommandTest {
    private static final String PATH = "/api/v1/sites/par-03/consolidation";

    private static String state(String requestId, String state, boolean done, String freed) {
        return "{\"siteId\":\"par-03\",\"requestId\":\"" + requestId + "\",\"state\":\"" + state + "\",\"moves\":["
                + "{\"holderId\":\"c-7/cp-0\",\"ownerId\":\"c-7\",\"fromHostId\":\"h1\",\"toHostId\":\"h2\",\"done\":"
                + done + "}],\"hostsToFree\":[\"h1\"],\"hostsFreed\":[" + freed + "],\"hostsInUseBefore\":3,"
                + "\"hostsInUseAfter\":2,\"reason\":null,\"changedAt\":\"2026-12-02T10:00:00Z\"}";
    }

    @Test
    void aDryRunPrintsTheMovesAndTheHostsTheyFree(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST " + PATH, 202, "{\"requestId\":\"/fleet-api#d1\",\"location\":\"/api/v1/requests/d1\"}");
            api.answer("GET /api/v1/requests/d1", 200, "{\"status\":\"ACCEPTED\"}");
            api.answer("GET " + PATH, 200, state("/fleet-api#d1", "PLANNED", false, ""));
            LaunchResult r = launcher.launch("site", "consolidate", "par-03", "--dry-run", "--max-moves", "8",
                    "--api", api.url(), "--token", "admin-token");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            String out = r.getOutput();
            assertTrue(out.contains("consolidation /fleet-api#d1 of site par-03: PLANNED"), out);
            assertTrue(out.matches("(?s).*c-7/cp-0\\s+c-7\\s+h1\\s+h2\\s+no.*"), out);
            assertTrue(out.contains("hosts to free: h1 (hosts in use 3 -> 2)"), out);
            assertTrue(out.contains("fleetctl site consolidate par-03 --plan /fleet-api#d1 --wait"), out);
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertTrue(sent.path("dryRun").asBoolean());
            assertEquals(8, sent.path("maxMoves").asInt());
            assertTrue(sent.path("planId").isMissingNode(), sent.toString());
        }
    }

    @Test
    void anApplyWithWaitFollowsItToItsEnd(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST " + PATH, 202, "{\"requestId\":\"/fleet-api#a1\",\"location\":\"/api/v1/requests/a1\"}");
            api.answer("GET /api/v1/requests/a1", 200, "{\"status\":\"ACCEPTED\"}");
            api.answer("GET " + PATH, 200, state("/fleet-api#d1", "APPLYING", false, ""));
            api.answer("GET " + PATH, 200, state("/fleet-api#d1", "DONE", true, "\"h1\""));
            LaunchResult r = launcher.launch("site", "consolidate", "par-03", "--plan", "/fleet-api#d1", "--wait",
                    "--api", api.url(), "--token", "admin-token");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().contains(": DONE"), r.getOutput());
            assertTrue(r.getOutput().contains("hosts freed: h1"), r.getOutput());
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertEquals(false, sent.path("dryRun").asBoolean(true));
            assertEquals("/fleet-api#d1", sent.path("planId").asText());
        }
    }

    @Test
    void aStalePlanIsRejectedWithExitOne(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST " + PATH, 202, "{\"requestId\":\"/fleet-api#a2\",\"location\":\"/api/v1/requests/a2\"}");
            api.answer("GET /api/v1/requests/a2", 200, "{\"status\":\"REJECTED\",\"code\":\"PLAN_STALE\",\"message\":"
                    + "\"site par-03 changed since dry run /fleet-api#d1: c-7/cp-0 is gone; run a new dry run\"}");
            LaunchResult r = launcher.launch("site", "consolidate", "par-03", "--plan", "/fleet-api#d1", "--wait",
                    "--api", api.url(), "--token", "admin-token");
            assertEquals(ExitCodes.FAILED, r.exitCode());
            assertTrue(r.getOutput().contains("REJECTED PLAN_STALE: site par-03 changed since dry run"), r.getOutput());
        }
    }

    @Test
    void aCancelIsADeleteAndBadUsageSendsNothing(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("DELETE " + PATH, 202, "{\"requestId\":\"/fleet-api#c1\",\"location\":\"/api/v1/requests/c1\"}");
            LaunchResult r = launcher.launch("site", "consolidate", "par-03", "--cancel", "--api", api.url(),
                    "--token", "admin-token");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().contains("requested cancel of the consolidation of site par-03: request"
                    + " /fleet-api#c1"), r.getOutput());
            assertEquals("DELETE", api.calls().get(0).method());

            LaunchResult bad = launcher.launch("site", "consolidate", "par-03", "--cancel", "--dry-run", "--api",
                    api.url(), "--token", "admin-token");
            assertEquals(ExitCodes.USAGE, bad.exitCode());
            assertTrue(bad.getErrorOutput().contains("--cancel takes no --dry-run"), bad.getErrorOutput());
            assertEquals(1, api.calls().size(), "nothing more sent");
        }
    }
}
