package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code fleetctl template list|show} and {@code cluster create --template}, against a scripted fleet-api. */
@QuarkusMainTest
class TemplateCommandTest {
    private static final String HA = """
            {"name": "ha", "description": "Three control planes", "origin": "default",
             "spec": {"kubernetesVersion": "1.31.2", "controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096,
              "diskGib": 20}, "workers": {"kind": "MICROVM", "count": 2, "vcpu": 4, "memoryMib": 8192, "diskGib": 40}}}""";
    private static final String HA_BM = """
            {"name": "ha-bm", "description": "Bare-metal workers", "origin": "/etc/edgefleet/t.yaml",
             "spec": {"controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096, "diskGib": 20},
              "workers": {"kind": "BARE_METAL", "count": 2}}}""";

    @Test
    void listAndShowPrintWhatATemplateSets(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("GET /api/v1/templates", 200, "[" + HA + "," + HA_BM + "]")
                    .answer("GET /api/v1/templates/ha", 200, HA)
                    .answer("GET /api/v1/templates/big", 404, FakeFleetApi.problem(404, "Not Found",
                            "no template big; known templates: ha, ha-bm, small"));
            LaunchResult list = launcher.launch("template", "list", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(0, list.exitCode(), list.getErrorOutput());
            assertTrue(list.getOutput().matches("(?s).*ha\\s+1\\.31\\.2\\s+3 x 2 vCPU / 4096 MiB / 20 GiB\\s+"
                    + "2 x 4 vCPU / 8192 MiB / 40 GiB\\s+default.*"), list.getOutput());
            assertTrue(list.getOutput().matches("(?s).*ha-bm\\s+-\\s+3 x .*2 bare metal\\s+/etc/edgefleet/t.yaml.*"),
                    list.getOutput());

            LaunchResult show = launcher.launch("template", "show", "ha", "--api", api.url(), "--token",
                    FleetCtlTest.TEAM_A);
            assertEquals(0, show.exitCode(), show.getErrorOutput());
            assertTrue(show.getOutput().contains("\"replicas\" : 3"), show.getOutput());

            LaunchResult unknown = launcher.launch("template", "show", "big", "--api", api.url(), "--token",
                    FleetCtlTest.TEAM_A);
            assertEquals(ExitCodes.NOT_FOUND, unknown.exitCode());
            assertTrue(unknown.getErrorOutput().contains("ha, ha-bm, small"), unknown.getErrorOutput());
        }
    }

    @Test
    void createWithATemplateSendsOnlyTheFlagsGiven(QuarkusMainLauncher launcher) throws Exception {
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/clusters", 202, "{\"requestId\":\"/fleet-api#r1\",\"location\":\"/api/v1/requests/r1\"}")
                    .answer("POST /api/v1/clusters", 422, """
                            {"type": "about:blank", "title": "Invalid cluster request", "status": 422,
                             "detail": "1 problem(s) in the cluster request expanded from template even",
                             "errors": [{"path": "$.controlPlane.replicas", "code": "NOT_ALLOWED",
                               "message": "template even: controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)"}]}""");
            LaunchResult r = launcher.launch("cluster", "create", "c1", "--site", "edge-par-01", "--template", "ha",
                    "--cp", "5", "--worker-memory", "16384", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertEquals("ha", sent.path("template").asText());
            assertEquals("team-a", sent.path("team").asText());
            assertEquals("{\"replicas\":5}", sent.path("controlPlane").toString(), "only the flags given: " + sent);
            assertEquals("{\"memoryMib\":16384}", sent.path("workers").toString());
            assertFalse(sent.has("kubernetesVersion"), "the template's version, not the flag's default: " + sent);

            LaunchResult bad = launcher.launch("cluster", "create", "c2", "--site", "edge-par-01", "--template",
                    "even", "--api", api.url(), "--token", FleetCtlTest.TEAM_A);
            assertEquals(ExitCodes.INVALID, bad.exitCode());
            assertTrue(bad.getErrorOutput().contains("template even: controlPlane.replicas"), bad.getErrorOutput());
        }
    }
}
