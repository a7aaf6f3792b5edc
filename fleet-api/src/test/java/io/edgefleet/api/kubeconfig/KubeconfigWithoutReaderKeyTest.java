package io.edgefleet.api.kubeconfig;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.api.Eventually;
import io.edgefleet.api.Placement;
import io.edgefleet.api.Tokens;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.pki.ClusterPki;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A fleet-api whose reader key file is missing starts, serves the rest, and answers kubeconfigs 503 saying why. */
@QuarkusTest
@TestProfile(KubeconfigWithoutReaderKeyTest.NoReaderKey.class)
@WithTestResource(LocalStackTestResource.class)
class KubeconfigWithoutReaderKeyTest {
    public static class NoReaderKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edgefleet.api.secrets.reader-key-file", "target/no-such-reader.key");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void answers503WithTheReasonWhileTheClusterItselfIsServed() {
        String site = "kc-nokey-site";
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.cluster("kc-nokey", "team-a", site, ClusterStatus.READY);
            placement.publish(new SitePlan(site, System.currentTimeMillis(), Instant.now(),
                    List.of(new PlannedMicroVm("kc-nokey-cp-0", "kc-nokey", MicroVmRole.CONTROL_PLANE, site + "-h1", 2,
                            4096, 20, "1.31.2")),
                    List.of(new PlannedCluster("kc-nokey", "team-a", "1.31.2", List.of("kc-nokey-cp-0"), List.of(),
                            List.of(), "10.30.0.101", "kc-nokey-cp-0")), List.of()));
            placement.publish(SecretsFixture.sealed(ClusterPki.create("kc-nokey", Instant.now()), "team-a", site, true));
        }
        String token = Tokens.team("team-a");
        Response answer = Eventually.await("kc-nokey and its plan read", () -> KubeconfigTest.kubeconfig("kc-nokey", token),
                r -> r.statusCode() != 404 && !r.asString().contains("no API endpoint"));
        assertEquals(503, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.jsonPath().getString("detail").contains("reader key file target/no-such-reader.key is missing"),
                answer.asString());
        assertEquals(200, given().auth().oauth2(token).get("/api/v1/clusters/kc-nokey").statusCode());
    }
}
