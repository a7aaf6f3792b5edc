package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Cluster templates over REST: listed and read, expanded into the full request that is published, and errors that
 * say whether the template or the request set the faulty value (the test profile's operator file adds even-cp, a
 * template that breaks the contract, and replaces small).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class TemplatesApiTest {
    private static final String BASE = """
            {"clusterId": "%s", "team": "team-a", "siteId": "tpl-site", "template": "%s"%s}""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void templatesAreListedAndReadAndAnOperatorsReplaceShippedOnes() {
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/templates").then().statusCode(200)
                .body("name", hasItems("even-cp", "ha", "ha-bm", "small"))
                .body("find { it.name == 'ha' }.origin", equalTo("default"))
                .body("find { it.name == 'small' }.spec.kubernetesVersion", equalTo("1.30.4"));
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/templates/ha-bm").then().statusCode(200)
                .body("spec.workers.kind", equalTo("BARE_METAL")).body("spec.controlPlane.replicas", equalTo(3));
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/templates/huge").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("ha, ha-bm"));
        given().get("/api/v1/templates").then().statusCode(401);
    }

    @Test
    void aTemplatedRequestIsPublishedExpandedWithItsOverrides() throws Exception {
        Response r = given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(BASE.formatted("tpl-1", "ha", ", \"controlPlane\": {\"replicas\": 5}, \"labels\": {\"a\": \"b\"}"))
                .post("/api/v1/clusters");
        r.then().statusCode(202);
        String requestId = r.jsonPath().getString("requestId");
        JsonNode data = published(requestId.substring(requestId.indexOf('#') + 1));
        assertEquals(5, data.at("/controlPlane/replicas").asInt(), "the request's override: " + data);
        assertEquals(4096, data.at("/controlPlane/memoryMib").asInt(), "the template's size: " + data);
        assertEquals("MICROVM", data.at("/workers/kind").asText());
        assertEquals(2, data.at("/workers/count").asInt());
        assertEquals("1.31.2", data.get("kubernetesVersion").asText());
        assertEquals("b", data.at("/labels/a").asText());
        assertFalse(data.has("template"), "the event is the full request, not a reference: " + data);
    }

    @Test
    void errorsNameTheTemplateOrTheRequest() {
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(BASE.formatted("tpl-2", "huge", "")).post("/api/v1/clusters").then().statusCode(422)
                .contentType("application/problem+json").body("title", equalTo("Unknown template"))
                .body("detail", containsString("even-cp, ha, ha-bm, small")).body("errors[0].path", equalTo("$.template"));
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(BASE.formatted("tpl-3", "even-cp", "")).post("/api/v1/clusters").then().statusCode(422)
                .body("errors.path", hasItem("$.controlPlane.replicas"))
                .body("errors.message", hasItem(containsString("template even-cp: controlPlane.replicas")));
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(BASE.formatted("tpl-4", "ha", ", \"controlPlane\": {\"replicas\": 4}")).post("/api/v1/clusters")
                .then().statusCode(400).body("errors.message", hasItem(containsString("request: controlPlane.replicas")));
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body("{\"clusterId\": \"tpl-5\", \"team\": \"team-a\", \"siteId\": \"s\", \"template\": 3}")
                .post("/api/v1/clusters").then().statusCode(400).body("errors[0].path", equalTo("$.template"));
        given().auth().oauth2(Tokens.team("team-b")).contentType("application/json")
                .body(BASE.formatted("tpl-6", "ha", "")).post("/api/v1/clusters").then().statusCode(403);
    }

    private JsonNode published(String ceId) throws Exception {
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no request " + ceId + " on " + Topics.CLUSTER_REQUESTS));
            assertEquals(EventType.CLUSTER_REQUESTED.ceType(), record.headers().get(CloudEventHeaders.TYPE));
            return EventJson.mapper().readTree(record.value());
        }
    }
}
