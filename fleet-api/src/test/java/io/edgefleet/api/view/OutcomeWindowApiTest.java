package io.edgefleet.api.view;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.edgefleet.api.Eventually;
import io.edgefleet.api.Placement;
import io.edgefleet.api.Tokens;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/requests/{id} past the window: an outcome fleet-api held and let go is a 410 problem saying it is
 * older than the window, and how big the window is; one it never saw stays a 404. A window of 5 outcomes here.
 */
@QuarkusTest
@TestProfile(OutcomeWindowApiTest.SmallWindow.class)
@WithTestResource(LocalStackTestResource.class)
class OutcomeWindowApiTest {
    public static class SmallWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edgefleet.api.outcomes.max-entries", "5");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anOutcomeOlderThanTheWindowIsGone410() {
        String run = UUID.randomUUID().toString();
        try (Placement placement = new Placement(bootstrapServers)) {
            for (int i = 0; i < 8; i++) {
                placement.publish(new RequestAccepted("/fleet-api#" + run + "-" + i, "edge-par-01",
                        RequestKind.SITE_ENROLL, "edge-par-01", Instant.now()));
            }
        }
        Eventually.await("the newest outcome", () -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/requests/" + run + "-7").statusCode(), c -> c == 200);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/requests/" + run + "-0").then().statusCode(410)
                .contentType("application/problem+json")
                .body("title", equalTo("Gone"))
                .body("detail", containsString("older than fleet-api's outcome window"))
                .body("detail", containsString("at most the newest 5 (edgefleet.api.outcomes.max-entries)"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/requests/never-" + run).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
