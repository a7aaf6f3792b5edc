package io.edgefleet.api.view;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.api.Eventually;
import io.edgefleet.api.Placement;
import io.edgefleet.api.Tokens;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The view feed over the real broker: ready once caught up; a poison record goes to the dead-letter topic with the
 * contract's headers, is counted, and does not stop the records after it; fleet-api's read-side meters are exported.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ViewFeedTest {
    static final String OUTCOMES = "topic=\"" + Topics.REQUEST_OUTCOMES + "\"";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void readyOnceCaughtUpNamingEveryTopicItReads() {
        Eventually.await("readiness", () -> given().get("/q/health/ready").statusCode(), c -> c == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(ViewReadiness.NAME))
                .body("checks.find { it.name == 'fleet-api-view' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'fleet-api-view' }.data.'behind fleet.request-outcomes.v1'", equalTo(0))
                .body("checks.find { it.name == 'fleet-api-view' }.data.'behind fleet.site-reports.v1'", equalTo(0));
    }

    @Test
    void aPoisonRecordIsDeadLetteredCountedAndTheFeedGoesOn() {
        String key = "poison-" + UUID.randomUUID();
        String after = "/placement#after-" + key;
        EncodedEvent template = CloudEventCodec.encode(CloudEvent.of("/placement",
                new RequestAccepted("/placement#x", "edge-par-01", RequestKind.CLUSTER_CREATE, "c", Instant.now())));
        double unreadableBefore = metric("fleet_api_view_records_unreadable_total", OUTCOMES);
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.kafka().send(Topics.REQUEST_OUTCOMES, key, template.headers(),
                    "{\"requestId\": ".getBytes(StandardCharsets.UTF_8));
            // The contract allows a rejection without kind; it must not throw and skip the rest of the poll.
            placement.publish(new RequestRejected("/fleet-api#nokind-" + key, null, null, null, "INVALID_REQUEST",
                    "$: not JSON", List.of("$"), Instant.now()));
            placement.publish(new RequestAccepted(after, "edge-par-01", RequestKind.CLUSTER_CREATE, "c-" + key,
                    Instant.now()));
        }
        String ceId = after.substring("/placement#".length());
        Eventually.await("the outcome after the poison record", () -> given().auth().oauth2(Tokens.admin())
                .queryParam("source", "/placement").get("/api/v1/requests/" + ceId).statusCode(), c -> c == 200);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/requests/nokind-" + key).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("kind", nullValue());

        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received letter = kafka.await(Topics.DEAD_LETTERS, r -> key.equals(r.key()), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no dead letter for " + key));
            assertEquals(Topics.REQUEST_OUTCOMES, letter.headers().get(CloudEventHeaders.DLQ_TOPIC));
            assertEquals("MALFORMED_JSON", letter.headers().get(CloudEventHeaders.DLQ_CODE));
            assertTrue(letter.headers().containsKey(CloudEventHeaders.DLQ_OFFSET));
            assertEquals(template.headers().get(CloudEventHeaders.ID), letter.headers().get(CloudEventHeaders.ID),
                    "the original headers are kept for a replay");
            assertEquals("{\"requestId\": ", letter.valueAsString(), "the value is kept unchanged");
        }
        Eventually.await("the unreadable record counted", () -> metric(
                "fleet_api_view_records_unreadable_total", OUTCOMES),
                n -> n >= unreadableBefore + 1);
    }

    @Test
    void theReadSideMetersAreExported() {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(new RequestAccepted("/placement#meters-" + UUID.randomUUID(), "edge-par-01",
                    RequestKind.CLUSTER_CREATE, "c", Instant.now()));
        }
        Eventually.await("an outcome held", () -> metric("fleet_api_view_outcomes_held", ""), n -> n >= 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fleet_api_view_records_read_total{topic=\"fleet.request-outcomes.v1\""))
                .body(containsString("fleet_api_view_records_read_total{topic=\"fleet.site-reports.v1\""))
                .body(containsString("fleet_api_view_lag_records{topic=\"fleet.cluster-status.v1\""))
                .body(containsString("fleet_api_view_outcomes_evicted_total{reason=\"count\""))
                .body(containsString("fleet_api_view_outcomes_reach_seconds"))
                .body(containsString("fleet_api_view_dead_letters_failed_total"));
        assertTrue(metric("fleet_api_view_records_read_total", OUTCOMES) >= 1);
    }

    /** A sample's value from /q/metrics (the classic text format), 0 if absent; {@code label} as in "k=\"v\"". */
    static double metric(String name, String label) {
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            String rest = line.startsWith(name) ? line.substring(name.length()) : "";
            boolean labelled = label.isEmpty() ? rest.startsWith(" ") : rest.startsWith("{") && rest.contains(label);
            if (labelled) {
                return Double.parseDouble(rest.substring(rest.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
