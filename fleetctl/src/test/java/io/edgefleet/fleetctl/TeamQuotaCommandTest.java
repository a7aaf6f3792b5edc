package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code fleetctl team quota set|get}: the limits sent as fleet-api expects them, usage and limits shown. */
@QuarkusMainTest
class TeamQuotaCommandTest {

    @Test
    void setSendsTheGivenLimitsOnly(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("PUT /api/v1/teams/ran-core/quota", 202,
                    "{\"requestId\":\"/fleet-api#q1\",\"location\":\"/api/v1/requests/q1\"}");
            LaunchResult r = launcher.launch("team", "quota", "set", "ran-core", "--vcpu", "64", "--pinned-cores", "16",
                    "--clusters", "10", "--api", api.url(), "--token", "admin-token");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().contains("requested quota of team ran-core (vcpu 64, pinnedCores 16, clusters 10):"
                    + " request /fleet-api#q1"), r.getOutput());
            FakeFleetApi.Call call = api.calls().get(0);
            assertEquals("Bearer admin-token", call.authorization());
            JsonNode sent = ApiClient.JSON.readTree(call.body());
            assertEquals(64, sent.path("vcpu").asLong());
            assertEquals(16, sent.path("pinnedCores").asLong());
            assertEquals(10, sent.path("clusters").asInt());
            assertTrue(sent.path("memoryMib").isMissingNode(), "left out: unlimited " + sent);
        }
    }

    @Test
    void aNegativeLimitAndATeamTokenEndWithTheirExitCodes(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            LaunchResult negative = launcher.launch("team", "quota", "set", "ran-core", "--vcpu", "-1", "--api",
                    api.url(), "--token", "admin-token");
            assertEquals(ExitCodes.USAGE, negative.exitCode());
            assertTrue(negative.getErrorOutput().contains("--vcpu must be 0 or more"), negative.getErrorOutput());
            assertTrue(api.calls().isEmpty(), "nothing sent");

            api.answer("PUT /api/v1/teams/ran-core/quota", 403, FakeFleetApi.problem(403, "Forbidden",
                    "Access forbidden: role not allowed"));
            assertEquals(ExitCodes.FORBIDDEN, launcher.launch("team", "quota", "set", "ran-core", "--vcpu", "8",
                    "--api", api.url(), "--token", FleetCtlTest.TEAM_A).exitCode());
        }
    }

    @Test
    void getShowsUsageAgainstTheLimitsLastSet(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/teams/ran-core/quota", 200, "{\"team\":\"ran-core\",\"usage\":{\"vcpu\":60,"
                    + "\"memoryMib\":122880,\"pinnedCores\":4,\"clusters\":10},\"lastSet\":{\"requestId\":\"/fleet-api#q1\","
                    + "\"limits\":{\"vcpu\":64,\"clusters\":10},\"changedAt\":\"2026-12-02T18:00:00Z\","
                    + "\"outcome\":{\"status\":\"ACCEPTED\"}}}");
            LaunchResult r = launcher.launch("team", "quota", "get", "ran-core", "--api", api.url(), "--token", "t");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            String out = r.getOutput();
            assertTrue(out.matches("(?s).*vcpu\\s+60\\s+64.*"), out);
            assertTrue(out.matches("(?s).*memory-mib\\s+122880\\s+none.*"), out);
            assertTrue(out.matches("(?s).*clusters\\s+10\\s+10.*"), out);
            assertTrue(out.contains("limits held by placement since 2026-12-02T18:00:00Z, set by request /fleet-api#q1"), out);
        }
    }
}
