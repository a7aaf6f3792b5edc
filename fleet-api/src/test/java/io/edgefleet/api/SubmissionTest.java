package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.outcome.RequestKind;
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
 * Submissions go to Kafka as the contract's CloudEvents and are answered 202 with the request id
 * and a Location; bad input is a 400 problem naming every field; outcomes and statuses come back
 * from Kafka into the read side.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SubmissionTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aClusterCreationIsPublishedAndAnswered202WithWhereToPoll() throws Exception {
        Response r = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(AuthorizationTest.CLUSTER_BODY.formatted("sub-1", "team-a")).post("/api/v1/clusters");
        r.then().statusCode(202).header("Location", containsString("/api/v1/requests/"))
                .body("requestId", startsWith("/fleet-api#"));
        String requestId = r.jsonPath().getString("requestId");
        String ceId = requestId.substring(requestId.indexOf('#') + 1);
        r.then().body("location", endsWith("/api/v1/requests/" + ceId));

        JsonNode data = published(EventType.CLUSTER_REQUESTED, ceId);
        assertEquals("sub-1", data.get("clusterId").asText());
        assertEquals("team-a", data.get("team").asText());

        // Until placement decides, the outcome is not there; then it is.
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/requests/" + ceId).then().statusCode(404)
                .contentType("application/problem+json");
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(new RequestRejected(requestId, "auth-site", RequestKind.CLUSTER_CREATE, "sub-1",
                    "INSUFFICIENT_CAPACITY", "no host has 2 free vCPUs", List.of(), Instant.now()));
        }
        Eventually.await("the outcome", () -> given().auth().oauth2(Tokens.team("team-a"))
                .get("/api/v1/requests/" + ceId).statusCode(), c -> c == 200);
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/requests/" + ceId).then()
                .body("status", equalTo("REJECTED")).body("code", equalTo("INSUFFICIENT_CAPACITY"));
    }

    @Test
    void anInvalidClusterIsA400ProblemListingEveryFieldAndNothingIsPublished() {
        String body = """
                {"clusterId": "Bad Id", "team": "team-a", "siteId": "s", "kubernetesVersion": "1.31.2",
                 "controlPlane": {"replicas": 4, "vcpu": 0, "memoryMib": 4096, "diskGib": 20},
                 "workers": {"kind": "BARE_METAL", "count": 0}}""";
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body(body)
                .post("/api/v1/clusters").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid cluster request"))
                .body("errors.path", hasItem("$.clusterId"))
                .body("errors.path", hasItem("$.controlPlane.replicas"))
                .body("errors.path", hasItem("$.controlPlane.vcpu"));
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body("{not json")
                .post("/api/v1/clusters").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void scaleAndDeleteTakeTheClustersTeamAndSiteFromTheReadSide() throws Exception {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.cluster("sub-2", "team-a", "sub-site", ClusterStatus.READY);
        }
        Eventually.await("cluster sub-2", () -> given().auth().oauth2(Tokens.team("team-a"))
                .get("/api/v1/clusters/sub-2").statusCode(), c -> c == 200);

        Response scale = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"workerCount\": 3}").post("/api/v1/clusters/sub-2/scale");
        scale.then().statusCode(202);
        JsonNode scaled = published(EventType.CLUSTER_SCALE_REQUESTED, ceId(scale));
        assertEquals("sub-site", scaled.get("siteId").asText());
        assertEquals("team-a", scaled.get("team").asText());
        assertEquals(3, scaled.get("workerCount").asInt());
        assertFalse(scaled.has("controlPlaneReplicas"), "a worker scale leaves the control plane alone: " + scaled);

        Response controlPlane = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"controlPlaneReplicas\": 5}").post("/api/v1/clusters/sub-2/scale");
        controlPlane.then().statusCode(202);
        JsonNode cp = published(EventType.CLUSTER_SCALE_REQUESTED, ceId(controlPlane));
        assertEquals(5, cp.get("controlPlaneReplicas").asInt(), "the control-plane field reaches placement: " + cp);
        assertFalse(cp.has("workerCount"), cp.toString());

        Response both = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"controlPlaneReplicas\": 3, \"workerCount\": 1, \"clusterId\": \"not-mine\"}")
                .post("/api/v1/clusters/sub-2/scale");
        both.then().statusCode(202);
        JsonNode bothSent = published(EventType.CLUSTER_SCALE_REQUESTED, ceId(both));
        assertEquals(3, bothSent.get("controlPlaneReplicas").asInt());
        assertEquals(1, bothSent.get("workerCount").asInt());
        assertEquals("sub-2", bothSent.get("clusterId").asText(), "the path names the cluster, never the body");

        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body("{\"workerCount\": 65}")
                .post("/api/v1/clusters/sub-2/scale").then().statusCode(400)
                .body("errors.path", hasItem("$.workerCount"));
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"controlPlaneReplicas\": 4}").post("/api/v1/clusters/sub-2/scale").then().statusCode(400)
                .body("errors.path", hasItem("$.controlPlaneReplicas"))
                .body("errors.message", hasItem("must be 1, 3, 5 or 7 (got 4)"));
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body("{}")
                .post("/api/v1/clusters/sub-2/scale").then().statusCode(400)
                .body("errors.path", hasItem("$.workerCount")).body("errors.code", hasItem("REQUIRED"));
        given().auth().oauth2(Tokens.team("team-b")).contentType("application/json")
                .body("{\"controlPlaneReplicas\": 5}").post("/api/v1/clusters/sub-2/scale").then().statusCode(403);
        for (String bad : List.of("{}", "{\"workerCount\": \"x\"}", "{\"workerCount\": 2.5}", "garbage",
                "{\"controlPlaneReplicas\": \"5\"}", "[5]", "null")) {
            given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body(bad)
                    .post("/api/v1/clusters/sub-2/scale").then().statusCode(400)
                    .contentType("application/problem+json").body("title", equalTo("Invalid scale request"));
        }
        given().get("/q/openapi").then().statusCode(200).body(containsString("controlPlaneReplicas"));

        Response delete = given().auth().oauth2(Tokens.team("team-a")).queryParam("reason", "done")
                .delete("/api/v1/clusters/sub-2");
        delete.then().statusCode(202);
        JsonNode deleted = published(EventType.CLUSTER_DELETE_REQUESTED, ceId(delete));
        assertEquals("sub-site", deleted.get("siteId").asText());
        assertEquals("done", deleted.get("reason").asText());

        given().auth().oauth2(Tokens.admin()).delete("/api/v1/clusters/never-was").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void networkFunctionsAreCreatedListedAndDeleted() throws Exception {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.cluster("sub-3", "team-a", "sub-site", ClusterStatus.READY);
        }
        Eventually.await("cluster sub-3", () -> given().auth().oauth2(Tokens.team("team-a"))
                .get("/api/v1/clusters/sub-3").statusCode(), c -> c == 200);
        Response create = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(AuthorizationTest.NF_BODY.formatted("upf-1", "team-a", "sub-3")).post("/api/v1/network-functions");
        create.then().statusCode(202);
        assertEquals("UPF", published(EventType.NETWORK_FUNCTION_REQUESTED, ceId(create)).get("kind").asText());
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(AuthorizationTest.NF_BODY.formatted("upf-1", "team-a", "sub-3").replace("\"replicas\": 1",
                        "\"replicas\": 17")).post("/api/v1/network-functions").then().statusCode(400)
                .body("errors.path", hasItem("$.replicas"));

        try (Placement placement = new Placement(bootstrapServers)) {
            placement.networkFunction("upf-1", "sub-3", "team-a", "sub-site");
        }
        Eventually.await("network function upf-1", () -> given().auth().oauth2(Tokens.team("team-a"))
                .get("/api/v1/network-functions?cluster=sub-3").jsonPath().getList("items.nfId"),
                ids -> ids.contains("upf-1"));
        Response delete = given().auth().oauth2(Tokens.team("team-a")).delete("/api/v1/network-functions/upf-1");
        delete.then().statusCode(202);
        JsonNode deleted = published(EventType.NETWORK_FUNCTION_DELETE_REQUESTED, ceId(delete));
        assertEquals("sub-3", deleted.get("clusterId").asText());
    }

    @Test
    void clustersAreFilteredAndPaginated() {
        try (Placement placement = new Placement(bootstrapServers)) {
            for (int i = 0; i < 5; i++) {
                placement.cluster("page-" + i, "team-p", "page-site", i < 3 ? ClusterStatus.READY : ClusterStatus.FAILED);
            }
        }
        String team = Tokens.team("team-p");
        Eventually.await("five clusters", () -> given().auth().oauth2(team).get("/api/v1/clusters?team=team-p")
                .jsonPath().getInt("total"), n -> n == 5);
        given().auth().oauth2(team).get("/api/v1/clusters?team=team-p&size=2&page=1").then().statusCode(200)
                .body("items.clusterId", equalTo(List.of("page-2", "page-3"))).body("total", equalTo(5))
                .body("totalPages", equalTo(3)).body("page", equalTo(1));
        given().auth().oauth2(team).get("/api/v1/clusters?status=failed&site=page-site").then()
                .body("items.clusterId", equalTo(List.of("page-3", "page-4")));
        given().auth().oauth2(team).get("/api/v1/clusters?status=SLEEPING").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(team).get("/api/v1/clusters?size=0").then().statusCode(400);
    }

    private static String ceId(Response r) {
        String requestId = r.jsonPath().getString("requestId");
        return requestId.substring(requestId.indexOf('#') + 1);
    }

    private JsonNode published(EventType type, String ceId) throws Exception {
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no request " + ceId + " on " + Topics.CLUSTER_REQUESTS));
            assertEquals(type.ceType(), record.headers().get(CloudEventHeaders.TYPE));
            assertEquals("/fleet-api", record.headers().get(CloudEventHeaders.SOURCE));
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertTrue(record.key().equals(data.get("siteId").asText()), "keyed by site id");
            return data;
        }
    }
}
