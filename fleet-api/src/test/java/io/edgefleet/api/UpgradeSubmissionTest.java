package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.UpgradeProgress;
import io.edgefleet.events.outcome.UpgradeState;
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
 * An upgrade goes to Kafka as the contract's ClusterUpgradeRequested with the cluster's team and site from the
 * read side (202 + request id); a version that is not one is a 400 naming the field; another team's cluster
 * is 403, an unknown one 404. The cluster's version and its upgrade's progress come back on its status, and
 * a later status that does not say them keeps them.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class UpgradeSubmissionTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anUpgradeIsPublishedForTheClustersTeamAndSite() throws Exception {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.cluster("upg-1", "team-a", "upg-site", ClusterStatus.READY);
        }
        Eventually.await("cluster upg-1", () -> given().auth().oauth2(Tokens.team("team-a"))
                .get("/api/v1/clusters/upg-1").statusCode(), c -> c == 200);

        Response upgrade = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"kubernetesVersion\": \"v1.32.1\", \"clusterId\": \"not-mine\"}")
                .post("/api/v1/clusters/upg-1/upgrade");
        upgrade.then().statusCode(202);
        JsonNode sent = published(upgrade);
        assertEquals("upg-1", sent.get("clusterId").asText(), "the path names the cluster, never the body");
        assertEquals("team-a", sent.get("team").asText());
        assertEquals("upg-site", sent.get("siteId").asText());
        assertEquals("v1.32.1", sent.get("kubernetesVersion").asText());

        for (String bad : List.of("{}", "{\"kubernetesVersion\": \"latest\"}", "{\"kubernetesVersion\": 132}", "garbage")) {
            given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body(bad)
                    .post("/api/v1/clusters/upg-1/upgrade").then().statusCode(400)
                    .contentType("application/problem+json").body("title", equalTo("Invalid upgrade request"));
        }
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body("{\"kubernetesVersion\": \"x\"}")
                .post("/api/v1/clusters/upg-1/upgrade").then().statusCode(400)
                .body("errors.path", hasItem("$.kubernetesVersion"));
        given().auth().oauth2(Tokens.team("team-b")).contentType("application/json")
                .body("{\"kubernetesVersion\": \"1.32\"}").post("/api/v1/clusters/upg-1/upgrade").then().statusCode(403);
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"kubernetesVersion\": \"1.32\"}").post("/api/v1/clusters/no-such/upgrade").then().statusCode(404);
    }

    @Test
    void theViewShowsTheVersionAndKeepsItWhenALaterStatusDoesNotSayIt() throws Exception {
        Instant t = Instant.now();
        UpgradeProgress rolling = new UpgradeProgress("1.31", "1.32", "control plane replica 2 of 3",
                UpgradeState.ROLLING, null);
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(new ClusterStatusChanged("upg-2", "team-a", "upg-site", ClusterStatus.READY,
                    "upgrading 1.31 -> 1.32: control plane replica 2 of 3", List.of(), null, t, "1.31", rolling));
            // A node moved: placement's status says neither version nor upgrade.
            placement.publish(new ClusterStatusChanged("upg-2", "team-a", "upg-site", ClusterStatus.READY,
                    "re-placed: host h2 is DOWN", List.of(), null, t.plusMillis(5)));
        }
        Eventually.await("the later status", () -> given().auth().oauth2(Tokens.team("team-a"))
                .get("/api/v1/clusters/upg-2").jsonPath().getString("reason"), "re-placed: host h2 is DOWN"::equals);
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/clusters/upg-2").then().statusCode(200)
                .body("kubernetesVersion", equalTo("1.31"))
                .body("upgrade.to", equalTo("1.32"))
                .body("upgrade.state", equalTo("ROLLING"))
                .body("upgrade.step", equalTo("control plane replica 2 of 3"));
    }

    private JsonNode published(Response r) throws Exception {
        String requestId = r.jsonPath().getString("requestId");
        String ceId = requestId.substring(requestId.indexOf('#') + 1);
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no request " + ceId + " on " + Topics.CLUSTER_REQUESTS));
            assertEquals(EventType.CLUSTER_UPGRADE_REQUESTED.ceType(), record.headers().get(CloudEventHeaders.TYPE));
            assertTrue(record.key().equals("upg-site"), "keyed by site id");
            return EventJson.mapper().readTree(record.value());
        }
    }
}
