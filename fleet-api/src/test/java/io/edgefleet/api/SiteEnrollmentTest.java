package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/sites/{id}/enrollment}: only fleet-admin may enroll a site's key; a key that
 * is not an Ed25519 public key is a 400 problem; a good one is published as a SiteEnrollRequested
 * keyed by the site and answered 202 with the request id and where to poll.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SiteEnrollmentTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static final PublicKey KEY = SiteKeys.generate().getPublic();

    private static String body(String pem) {
        return "{\"publicKeyPem\": \"" + pem.replace("\n", "\\n") + "\"}";
    }

    @Test
    void withoutATokenIs401() {
        given().contentType("application/json").body(body(SiteKeys.publicKeyPem(KEY)))
                .post("/api/v1/sites/enr-1/enrollment").then().statusCode(401);
    }

    @Test
    void aTeamMayNotEnrollASite403() {
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json")
                .body(body(SiteKeys.publicKeyPem(KEY))).post("/api/v1/sites/enr-1/enrollment").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.noFleetRole()).contentType("application/json")
                .body(body(SiteKeys.publicKeyPem(KEY))).post("/api/v1/sites/enr-1/enrollment").then()
                .statusCode(403);
    }

    @Test
    void aKeyThatIsNotAnEd25519PublicKeyIs400() {
        String privateKey = SiteKeys.privateKeyPem(SiteKeys.generate().getPrivate());
        for (String pem : List.of("not a key", privateKey)) {
            given().auth().oauth2(Tokens.admin()).contentType("application/json").body(body(pem))
                    .post("/api/v1/sites/enr-1/enrollment").then().statusCode(400)
                    .contentType("application/problem+json").body("title", equalTo("Invalid enrollment"))
                    .body("errors[0].path", equalTo("$.publicKeyPem")).body("errors[0].code", equalTo("BAD_FORMAT"))
                    .body("errors[0].message", startsWith("must be an Ed25519 public key in PEM"));
        }
        for (String bad : List.of("{}", "{\"publicKeyPem\": 7}", "garbage")) {
            given().auth().oauth2(Tokens.admin()).contentType("application/json").body(bad)
                    .post("/api/v1/sites/enr-1/enrollment").then().statusCode(400)
                    .contentType("application/problem+json").body("title", equalTo("Invalid enrollment"));
        }
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body(body(SiteKeys.publicKeyPem(KEY)))
                .post("/api/v1/sites/Not_A_Site/enrollment").then().statusCode(400)
                .body("errors[0].path", equalTo("$.siteId"));
    }

    @Test
    void aHostKeyIsEnrolledWithItsHostWhichMustBeAHostId() throws Exception {
        String pem = body(SiteKeys.publicKeyPem(KEY));
        String withHost = pem.substring(0, pem.length() - 1) + ", \"hostId\": \"enr-3-h2\"}";
        Response r = given().auth().oauth2(Tokens.admin()).contentType("application/json").body(withHost)
                .post("/api/v1/sites/enr-3/enrollment");
        r.then().statusCode(202);
        String requestId = r.jsonPath().getString("requestId");
        String ceId = requestId.substring(requestId.indexOf('#') + 1);
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no enrollment " + ceId + " on " + Topics.CLUSTER_REQUESTS));
            assertEquals("enr-3", record.key(), "keyed by the site, like every enrolment of it");
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertEquals("enr-3", data.get("siteId").asText());
            assertEquals("enr-3-h2", data.get("hostId").asText());
            assertEquals(KEY, SiteKeys.parsePublicKey(data.get("publicKeyPem").asText()));
        }

        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(pem.substring(0, pem.length() - 1) + ", \"hostId\": \"Not A Host\"}")
                .post("/api/v1/sites/enr-3/enrollment").then().statusCode(400)
                .body("title", equalTo("Invalid enrollment")).body("errors[0].path", equalTo("$.hostId"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(pem.substring(0, pem.length() - 1) + ", \"hostId\": 7}")
                .post("/api/v1/sites/enr-3/enrollment").then().statusCode(400)
                .body("errors[0].path", equalTo("$.hostId")).body("errors[0].code", equalTo("WRONG_TYPE"));
    }

    @Test
    void anAdminEnrollsAndTheRequestIsPublishedKeyedByTheSite() throws Exception {
        Response r = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(body(SiteKeys.publicKeyPem(KEY))).post("/api/v1/sites/enr-2/enrollment");
        r.then().statusCode(202).header("Location", containsString("/api/v1/requests/"))
                .body("requestId", startsWith("/fleet-api#"));
        String requestId = r.jsonPath().getString("requestId");
        String ceId = requestId.substring(requestId.indexOf('#') + 1);
        r.then().body("location", endsWith("/api/v1/requests/" + ceId));

        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no enrollment " + ceId + " on " + Topics.CLUSTER_REQUESTS));
            assertEquals(EventType.SITE_ENROLL_REQUESTED.ceType(), record.headers().get(CloudEventHeaders.TYPE));
            assertEquals("enr-2", record.key());
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertEquals("enr-2", data.get("siteId").asText());
            assertEquals(KEY, SiteKeys.parsePublicKey(data.get("publicKeyPem").asText()));
            assertEquals("admin", data.get("enrolledBy").asText());
            assertTrue(data.path("hostId").isMissingNode() || data.path("hostId").isNull(), "the site's own key");
        }

        // Its outcome is for fleet-admin only.
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(new RequestAccepted(requestId, "enr-2", RequestKind.SITE_ENROLL, "enr-2", Instant.now()));
        }
        Eventually.await("the enrollment's outcome", () -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/requests/" + ceId).statusCode(), c -> c == 200);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/requests/" + ceId).then()
                .body("status", equalTo("ACCEPTED")).body("kind", equalTo("SITE_ENROLL"));
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/requests/" + ceId).then().statusCode(403);
    }
}
