package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /api/v1/teams/{team}/quota} (fleet-admin only: published as a TeamQuotaSet keyed by the
 * team, 202) and {@code GET} of the same (the team's usage from the read side, and the limits placement
 * holds, as its TeamQuotaChanged on the status topic says).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class TeamQuotaApiTest {
    private static final String LIMITS = "{\"vcpu\": 64, \"memoryMib\": 262144, \"pinnedCores\": 16, \"clusters\": 10}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void onlyAnOperatorSetsAQuota() {
        given().contentType("application/json").body(LIMITS).put("/api/v1/teams/ran-core/quota").then().statusCode(401);
        given().auth().oauth2(Tokens.team("ran-core")).contentType("application/json").body(LIMITS)
                .put("/api/v1/teams/ran-core/quota").then().statusCode(403);
    }

    @Test
    void badLimitsAre400Problems() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"vcpu\": -1}")
                .put("/api/v1/teams/ran-core/quota").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].path", equalTo("$.vcpu"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"team\": \"other\"}")
                .put("/api/v1/teams/ran-core/quota").then().statusCode(400)
                .body("errors[0].code", equalTo("MISMATCH"));
        for (String bad : List.of("garbage", "[1]", "")) {
            given().auth().oauth2(Tokens.admin()).contentType("application/json").body(bad)
                    .put("/api/v1/teams/ran-core/quota").then().statusCode(400).body("title", equalTo("Invalid team quota"));
        }
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body(LIMITS)
                .put("/api/v1/teams/Not A Team/quota").then().statusCode(400).body("errors[0].path", equalTo("$.team"));
    }

    @Test
    void aQuotaIsPublishedKeyedByItsTeamAndShownAsPlacementHoldsItWithTheTeamsUsage() throws Exception {
        String team = "tq-" + Long.toString(System.nanoTime(), 36);
        String site = "tqs-" + Long.toString(System.nanoTime(), 36);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/teams/" + team + "/quota").then().statusCode(200)
                .body("usage.clusters", equalTo(0)).body("lastSet", nullValue());

        Response r = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"vcpu\": 64, \"clusters\": 10}").put("/api/v1/teams/" + team + "/quota");
        r.then().statusCode(202).header("Location", org.hamcrest.Matchers.containsString("/api/v1/requests/"));
        String requestId = r.jsonPath().getString("requestId");
        String ceId = requestId.substring(requestId.indexOf('#') + 1);
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no quota request " + ceId));
            assertEquals(team, record.key());
            assertEquals(EventType.TEAM_QUOTA_SET.ceType(), record.headers().get(CloudEventHeaders.TYPE));
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertEquals(64, data.get("vcpu").asLong());
            assertEquals(10, data.get("clusters").asInt());
            assertTrue(data.path("memoryMib").isMissingNode() || data.get("memoryMib").isNull(), "unlimited");
        }

        // Submitting is not holding: until placement publishes the limits it accepted, none are shown.
        given().auth().oauth2(Tokens.admin()).get("/api/v1/teams/" + team + "/quota").then().statusCode(200)
                .body("lastSet", nullValue());

        // The read side: cluster <site>-a is the team's (2 + 2 + 4 vCPU, 16 GiB, a UPF of 4 pinned cores);
        // <site>-b has no status of this team and does not count. The limits are what placement published
        // (not what was submitted: placement's word is the one that counts).
        Instant changedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(SiteFixture.plan(site));
            placement.cluster(site + "-a", team, site, ClusterStatus.READY);
            placement.publish(new RequestAccepted(requestId, team, RequestKind.TEAM_QUOTA_SET, team, changedAt));
            placement.publish(new TeamQuotaChanged(team, 48L, null, 12L, 10, requestId, changedAt));
        }
        Eventually.await("the team's usage and limits", () -> given().auth().oauth2(Tokens.team(team))
                .get("/api/v1/teams/" + team + "/quota").jsonPath(), j -> j.getInt("usage.vcpu") == 8
                && j.get("lastSet") != null && j.get("lastSet.outcome") != null);
        given().auth().oauth2(Tokens.team(team)).get("/api/v1/teams/" + team + "/quota").then().statusCode(200)
                .body("usage.vcpu", equalTo(8)).body("usage.memoryMib", equalTo(16384))
                .body("usage.pinnedCores", equalTo(4)).body("usage.clusters", equalTo(1))
                .body("lastSet.requestId", equalTo(requestId)).body("lastSet.limits.vcpu", equalTo(48))
                .body("lastSet.limits.pinnedCores", equalTo(12)).body("lastSet.limits.clusters", equalTo(10))
                .body("lastSet.limits.memoryMib", nullValue())
                .body("lastSet.outcome.status", equalTo("ACCEPTED"));
        assertEquals(changedAt, Instant.parse(given().auth().oauth2(Tokens.team(team))
                .get("/api/v1/teams/" + team + "/quota").jsonPath().getString("lastSet.changedAt")), "placement's time");
        given().auth().oauth2(Tokens.team("someone-else")).get("/api/v1/teams/" + team + "/quota").then()
                .statusCode(403);
    }
}
