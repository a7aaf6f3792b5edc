package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-written CloudEvents, as an outside client publishes them with kcat, in binary and in
 * structured mode: the outcome always names the payload's subject, and a request whose ce_subject,
 * record key or data breaks the contract gets a RequestRejected that says why, the same in both
 * modes, and that fleet-api can read (it decodes outcomes exactly as {@link #outcome} does).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class RequestContractTest extends FlowTest {
    private static final String CLUSTER = "{\"clusterId\":\"%s\",\"team\":\"team-a\",\"siteId\":\"%s\","
            + "\"kubernetesVersion\":\"1.31\",\"controlPlane\":{\"replicas\":%d,\"vcpu\":1,\"memoryMib\":512,"
            + "\"diskGib\":5},\"workers\":{\"kind\":\"BARE_METAL\",\"count\":0}}";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String site = "rc-" + run;

    @BeforeEach
    void siteKnown() throws InterruptedException {
        flow.send(TestFleet.heartbeat(site, 4));
        flow.awaitSiteKnown(site);
    }

    private static String cluster(String clusterId, String siteId, int replicas) {
        return CLUSTER.formatted(clusterId, siteId, replicas);
    }

    /** Publishes a binary-mode request; returns its request id. {@code subject} null sends no ce_subject. */
    private String sendBinary(String key, String subject, String data) {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.SOURCE, "/kcat");
        headers.put(CloudEventHeaders.TYPE, EventType.CLUSTER_REQUESTED.ceType());
        if (subject != null) {
            headers.put(CloudEventHeaders.SUBJECT, subject);
        }
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        flow.kafka.send(Topics.CLUSTER_REQUESTS, key, headers, data.getBytes(StandardCharsets.UTF_8));
        return CloudEvent.requestId("/kcat", id);
    }

    /** Publishes a structured-mode request (the whole event is the value); returns its request id. */
    private String sendStructured(String key, String subject, String data) {
        String id = UUID.randomUUID().toString();
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/kcat\",\"type\":\""
                + EventType.CLUSTER_REQUESTED.ceType() + "\","
                + (subject == null ? "" : "\"subject\":\"" + subject + "\",") + "\"data\":" + data + "}";
        flow.kafka.send(Topics.CLUSTER_REQUESTS, key,
                Map.of(CloudEventHeaders.CONTENT_TYPE, "application/cloudevents+json"),
                event.getBytes(StandardCharsets.UTF_8));
        return CloudEvent.requestId("/kcat", id);
    }

    /** The request's outcome, decoded as fleet-api decodes it; fails if fleet-api could not read it. */
    private CloudEvent<EventPayload> outcome(String requestId) {
        TestKafka.Received r = flow.kafka.await(Topics.REQUEST_OUTCOMES,
                rec -> requestId.equals(Flow.json(rec).path("requestId").asText()), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("no outcome for " + requestId));
        Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(r.headers(), r.value());
        assertTrue(decoded.isValid(), "fleet-api could not read the outcome " + r.valueAsString() + ": "
                + decoded.violations());
        CloudEvent<EventPayload> event = decoded.toOptional().orElseThrow();
        assertEquals(event.data().partitionKey(), r.key(), "outcomes are keyed by their site");
        return event;
    }

    private RequestAccepted accepted(String requestId) {
        CloudEvent<EventPayload> event = outcome(requestId);
        return assertInstanceOf(RequestAccepted.class, event.data(), () -> json(event));
    }

    private RequestRejected rejected(String requestId) {
        CloudEvent<EventPayload> event = outcome(requestId);
        RequestRejected rejected = assertInstanceOf(RequestRejected.class, event.data(), () -> json(event));
        assertEquals(RequestRejected.INVALID_REQUEST, rejected.code(), rejected.message());
        return rejected;
    }

    private static String json(CloudEvent<EventPayload> event) {
        return new String(CloudEventCodec.toJson(event.data()), StandardCharsets.UTF_8);
    }

    @Test
    void withoutCeSubjectTheOutcomeNamesThePayloadsSubjectInBothModes() {
        String binaryCluster = "c-b-" + run;
        String structuredCluster = "c-s-" + run;

        String fromBinary = sendBinary(site, null, cluster(binaryCluster, site, 1));
        String fromStructured = sendStructured(site, null, cluster(structuredCluster, site, 1));

        for (Map.Entry<String, String> e : Map.of(fromBinary, binaryCluster, fromStructured, structuredCluster)
                .entrySet()) {
            CloudEvent<EventPayload> event = outcome(e.getKey());
            RequestAccepted accepted = assertInstanceOf(RequestAccepted.class, event.data(), () -> json(event));
            assertEquals(e.getValue(), accepted.subjectId());
            assertEquals(e.getValue(), event.subject(), "the outcome's ce_subject");
            assertEquals(site, accepted.siteId());
        }
    }

    @Test
    void aCeSubjectNamingAnotherIdIsRefusedWithBothValuesAndNothingIsPlaced() {
        String clusterId = "c-m-" + run;
        String data = cluster(clusterId, site, 1);

        RequestRejected binary = rejected(sendBinary(site, "other-" + run, data));
        RequestRejected structured = rejected(sendStructured(site, "other-" + run, data));

        assertTrue(binary.message().contains("ce_subject: is 'other-" + run + "' but the payload's clusterId is '"
                + clusterId + "'"), binary.message());
        assertEquals(List.of("ce_subject"), binary.paths());
        assertEquals(clusterId, binary.subjectId(), "the refusal names the payload's subject");
        assertEquals("team-a", binary.team());
        assertEquals(binary.message(), structured.message(), "the same reason in both modes");
        assertEquals(binary.subjectId(), structured.subjectId());
        // Neither refusal placed the cluster: the same request, sent right, is the first to create it.
        RequestAccepted placed = accepted(sendBinary(site, clusterId, data));
        assertEquals(clusterId, placed.subjectId());
    }

    @Test
    void aStructuredRuleBreakIsRefusedExactlyLikeBinaryMode() {
        String data = cluster("c-r-" + run, site, 4);

        RequestRejected binary = rejected(sendBinary(site, null, data));
        RequestRejected structured = rejected(sendStructured(site, null, data));

        assertEquals(List.of("$.controlPlane.replicas"), binary.paths(), binary.message());
        assertTrue(binary.message().contains("$.controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)"),
                binary.message());
        assertEquals(binary.message(), structured.message());
        assertEquals(binary.paths(), structured.paths());
        assertEquals("c-r-" + run, structured.subjectId());
        assertEquals(site, structured.siteId());
    }

    @Test
    void aRecordKeyedByAnotherSiteIsRefusedNamingTheKeyAndTheSite() {
        String otherSite = "rc-other-" + run;

        RequestRejected binary = rejected(sendBinary(otherSite, null, cluster("c-k-" + run, site, 1)));
        RequestRejected structured = rejected(sendStructured(otherSite, null, cluster("c-k-" + run, site, 1)));

        for (RequestRejected r : List.of(binary, structured)) {
            assertTrue(r.message().contains("the record key is '" + otherSite + "' but the payload's siteId is '"
                    + site + "'"), r.message());
            assertEquals(List.of("$.siteId"), r.paths());
            assertEquals(site, r.siteId(), "answered for the site the request names");
            assertEquals("c-k-" + run, r.subjectId());
        }
        assertEquals(binary.message(), structured.message());
    }
}
