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
}
