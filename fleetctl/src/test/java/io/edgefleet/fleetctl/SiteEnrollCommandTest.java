package io.edgefleet.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetctl site enroll}: sends the key file's PEM to fleet-api and maps its answers to exit codes. */
@QuarkusMainTest
class SiteEnrollCommandTest {
    static final String PEM = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
            + "-----END PUBLIC KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void sendsThePublicKeyFileAndPrintsTheRequest(QuarkusMainLauncher launcher) throws Exception {
        Path key = Files.writeString(dir.resolve("site.key.pub"), PEM);
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/sites/edge-par-01/enrollment", 202,
                    "{\"requestId\":\"/fleet-api#e1\",\"location\":\"/api/v1/requests/e1\"}");
            LaunchResult r = launcher.launch("site", "enroll", "edge-par-01", "--public-key", key.toString(),
                    "--api", api.url(), "--token", "admin-token");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().contains("requested enrollment of site edge-par-01: request /fleet-api#e1"),
                    r.getOutput());
            FakeFleetApi.Call call = api.calls().get(0);
            assertEquals("Bearer admin-token", call.authorization());
            JsonNode sent = ApiClient.JSON.readTree(call.body());
            assertEquals(PEM, sent.path("publicKeyPem").asText());
            assertTrue(sent.path("hostId").isMissingNode(), "the site's own key names no host: " + sent);
        }
    }

    @Test
    void withHostTheHostAgentsKeyIsEnrolled(QuarkusMainLauncher launcher) throws Exception {
        Path key = Files.writeString(dir.resolve("site.key.pub"), PEM);
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/sites/edge-par-01/enrollment", 202,
                    "{\"requestId\":\"/fleet-api#e2\",\"location\":\"/api/v1/requests/e2\"}");
            LaunchResult r = launcher.launch("site", "enroll", "edge-par-01", "--host", "edge-par-01-h3",
                    "--public-key", key.toString(), "--api", api.url(), "--token", "admin-token");
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getOutput().contains("requested enrollment of host edge-par-01-h3 of site edge-par-01:"
                    + " request /fleet-api#e2"), r.getOutput());
            JsonNode sent = ApiClient.JSON.readTree(api.calls().get(0).body());
            assertEquals(PEM, sent.path("publicKeyPem").asText());
            assertEquals("edge-par-01-h3", sent.path("hostId").asText());
        }
    }

    @Test
    void aTeamTokenABadKeyAndAMissingFileEndWithTheirExitCodes(QuarkusMainLauncher launcher) throws Exception {
        Path key = Files.writeString(dir.resolve("site.key.pub"), "not a key");
        try (FakeFleetApi api = new FakeFleetApi()) {
            api.answer("POST /api/v1/sites/edge-par-01/enrollment", 403, FakeFleetApi.problem(403, "Forbidden",
                    "Access forbidden: role not allowed"));
            assertEquals(ExitCodes.FORBIDDEN, launcher.launch("site", "enroll", "edge-par-01", "--public-key",
                    key.toString(), "--api", api.url(), "--token", FleetCtlTest.TEAM_A).exitCode());

            api.answer("POST /api/v1/sites/edge-par-02/enrollment", 400, "{\"title\":\"Invalid enrollment\","
                    + "\"status\":400,\"errors\":[{\"path\":\"$.publicKeyPem\",\"code\":\"BAD_FORMAT\","
                    + "\"message\":\"must be an Ed25519 public key in PEM\"}]}");
            LaunchResult invalid = launcher.launch("site", "enroll", "edge-par-02", "--public-key", key.toString(),
                    "--api", api.url(), "--token", "admin-token");
            assertEquals(ExitCodes.INVALID, invalid.exitCode());
            assertTrue(invalid.getErrorOutput().contains("must be an Ed25519 public key"), invalid.getErrorOutput());

            LaunchResult missing = launcher.launch("site", "enroll", "edge-par-01", "--public-key",
                    dir.resolve("nope.pub").toString(), "--api", api.url(), "--token", "admin-token");
            assertEquals(ExitCodes.USAGE, missing.exitCode());
            assertTrue(missing.getErrorOutput().contains("cannot read the public key file"), missing.getErrorOutput());
            assertEquals(2, api.calls().size(), "nothing sent without a key file");
        }
    }
}
