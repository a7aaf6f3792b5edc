package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ConsolidationMove;
import io.edgefleet.events.outcome.ConsolidationState;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/sites/{id}/consolidation}: POST publishes a SiteConsolidateRequested (dry run or apply) keyed
 * by the site, DELETE a cancel, both fleet-admin only and 202; GET answers the site's latest consolidation
 * from the outcome topic, or 404.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SiteConsolidationApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void onlyAnOperatorConsolidates() {
        given().contentType("application/json").body("{\"dryRun\": true}").post("/api/v1/sites/s1/consolidation")
                .then().statusCode(401);
        given().auth().oauth2(Tokens.team("ran-core")).contentType("application/json").body("{\"dryRun\": true}")
                .post("/api/v1/sites/s1/consolidation").then().statusCode(403);
        given().auth().oauth2(Tokens.team("ran-core")).delete("/api/v1/sites/s1/consolidation").then().statusCode(403);
    }

    @Test
    void badBodiesAre400Problems() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                .post("/api/v1/sites/s1/consolidation").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].path", equalTo("$.dryRun")).body("errors[0].code", equalTo("REQUIRED"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"dryRun\": true, \"planId\": \"x\"}")
                .post("/api/v1/sites/s1/consolidation").then().statusCode(400).body("errors[0].path", equalTo("$.planId"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"dryRun\": false, \"maxMoves\": 0}")
                .post("/api/v1/sites/s1/consolidation").then().statusCode(400).body("errors[0].path", equalTo("$.maxMoves"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("not json")
                .post("/api/v1/sites/s1/consolidation").then().statusCode(400)
                .body("title", equalTo("Invalid site consolidation"));
    }

    @Test
    void aDryRunAndACancelArePublishedKeyedByTheSite() throws Exception {
        String site = "csa-" + Long.toString(System.nanoTime(), 36);
        Response dry = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"dryRun\": true, \"maxMoves\": 8}").post("/api/v1/sites/" + site + "/consolidation");
        dry.then().statusCode(202);
        Response cancel = given().auth().oauth2(Tokens.admin()).delete("/api/v1/sites/" + site + "/consolidation");
        cancel.then().statusCode(202);
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            JsonNode planned = request(kafka, site, dry.jsonPath().getString("requestId"));
            assertEquals("DRY_RUN", planned.get("action").asText());
            assertEquals(8, planned.get("maxMoves").asInt());
            assertEquals("CANCEL", request(kafka, site, cancel.jsonPath().getString("requestId")).get("action").asText());
        }
    }

    @Test
    void getAnswersTheSitesLatestConsolidation() {
        String site = "csg-" + Long.toString(System.nanoTime(), 36);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/sites/" + site + "/consolidation").then().statusCode(404)
                .contentType("application/problem+json");
        try (Placement placement = new Placement(bootstrapServers)) {
            List<ConsolidationMove> moves = List.of(new ConsolidationMove(site + "-c1/cp-0", site + "-c1", "h1", "h2",
                    false));
            Instant t = Instant.now().minusSeconds(5);
            placement.publish(new SiteConsolidationChanged(site, "r1", ConsolidationState.APPLYING, moves, List.of("h1"),
                    List.of(), 2, 1, null, t));
            placement.publish(new SiteConsolidationChanged(site, "r1", ConsolidationState.DONE, List.of(
                    new ConsolidationMove(site + "-c1/cp-0", site + "-c1", "h1", "h2", true)), List.of("h1"),
                    List.of("h1"), 2, 1, null, t.plusSeconds(1)));
        }
        Eventually.await("the consolidation's last state", () -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/sites/" + site + "/consolidation").jsonPath().getString("state"), "DONE"::equals);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/sites/" + site + "/consolidation").then().statusCode(200)
                .body("hostsFreed[0]", equalTo("h1")).body("moves[0].done", equalTo(true))
                .body("requestId", equalTo("r1"));
    }

    private static JsonNode request(TestKafka kafka, String site, String requestId) throws Exception {
        String ceId = requestId.substring(requestId.indexOf('#') + 1);
        TestKafka.Received r = kafka.await(Topics.CLUSTER_REQUESTS, rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no request " + ceId));
        assertEquals(site, r.key());
        assertEquals(EventType.SITE_CONSOLIDATE_REQUESTED.ceType(), r.headers().get(CloudEventHeaders.TYPE));
        return EventJson.mapper().readTree(r.value());
    }
}
