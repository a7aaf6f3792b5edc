package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code fleetctl cluster kubeconfig}: fleet-api's YAML on stdout byte for byte, its refusals on stderr with exit codes. */
@QuarkusMainTest
class ClusterKubeconfigCommandTest {
    static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: demo-3
              cluster:
                server: https://10.20.0.100:6443
                certificate-authority-data: Q0E=
            users:
            - name: alice@demo-3
              user:
                client-certificate-data: Q0VSVA==
                client-key-data: S0VZ
            contexts:
            - name: demo-3
              context:
                cluster: demo-3
                user: alice@demo-3
            current-context: demo-3
            preferences: {}
            """;

    @Test
    void printsTheKubeconfigAsFleetApiSentIt(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/clusters/demo-3/kubeconfig", 200, KUBECONFIG);
            LaunchResult r = launcher.launch("cluster", "kubeconfig", "demo-3", "--api", api.url(), "--token",
                    FleetCtlTest.TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertEquals(KUBECONFIG.strip(), r.getOutput().strip());
            assertEquals("", r.getErrorOutput());
            FakeFleetApi.Call call = api.calls().get(0);
            assertEquals("Bearer " + FleetCtlTest.TEAM_A, call.authorization());
            assertTrue(call.accept().startsWith("application/yaml"), call.accept());
        }
    }

    @Test
    void anotherTeamsClusterAnUnknownOneAndOneNotReadyEndWithTheirExitCodes(QuarkusMainLauncher launcher)
            throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/clusters/theirs/kubeconfig", 403, FakeFleetApi.problem(403, "Forbidden",
                    "team-a-user may not get a kubeconfig of cluster theirs: it belongs to team team-b"));
            api.answer("GET /api/v1/clusters/young/kubeconfig", 409, FakeFleetApi.problem(409, "Conflict",
                    "the secrets of cluster young have not arrived yet"));
            api.answer("GET /api/v1/clusters/nokey/kubeconfig", 503, FakeFleetApi.problem(503, "Service Unavailable",
                    "this fleet-api cannot issue kubeconfigs"));

            LaunchResult forbidden = launch(launcher, api, "theirs");
            assertEquals(ExitCodes.FORBIDDEN, forbidden.exitCode());
            assertEquals("", forbidden.getOutput(), "nothing on stdout: a redirect must not leave a broken file");
            assertTrue(forbidden.getErrorOutput().contains("403 Forbidden: team-a-user may not get a kubeconfig"),
                    forbidden.getErrorOutput());
            assertEquals(ExitCodes.NOT_FOUND, launch(launcher, api, "unknown").exitCode());
            LaunchResult young = launch(launcher, api, "young");
            assertEquals(ExitCodes.INVALID, young.exitCode());
            assertTrue(young.getErrorOutput().contains("have not arrived yet"), young.getErrorOutput());
            assertEquals(ExitCodes.UNAVAILABLE, launch(launcher, api, "nokey").exitCode());
        }
    }

    private static LaunchResult launch(QuarkusMainLauncher launcher, FakeFleetApi api, String cluster) {
        return launcher.launch("cluster", "kubeconfig", cluster, "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
    }
}
