package io.edgefleet.placement.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.events.request.Workers;
import io.edgefleet.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pure step before a request is decided: the subject comes from the payload, a contradicting
 * ce_subject or record key is refused, and a structured-mode request is read exactly like the same
 * request in binary mode. Hand-written records, as an outside producer (kcat) sends them.
 */
class RequestReaderTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    private static final String CLUSTER = "{\"clusterId\":\"c-1\",\"team\":\"team-a\",\"siteId\":\"edge-a\","
            + "\"kubernetesVersion\":\"1.31\",\"controlPlane\":{\"replicas\":%d,\"vcpu\":2,\"memoryMib\":4096,"
            + "\"diskGib\":20},\"workers\":{\"kind\":\"BARE_METAL\",\"count\":0}}";

    private static Map<String, String> binaryHeaders(String id, EventType type, String subject) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.ID, id);
        h.put(CloudEventHeaders.SOURCE, "/kcat");
        h.put(CloudEventHeaders.TYPE, type.ceType());
        if (subject != null) {
            h.put(CloudEventHeaders.SUBJECT, subject);
        }
        h.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        return h;
    }

    private static IncomingRecord binary(String key, String id, EventType type, String subject, String data) {
        return new IncomingRecord(Topics.CLUSTER_REQUESTS, 0, 0, 0, key, binaryHeaders(id, type, subject),
                data.getBytes(StandardCharsets.UTF_8));
    }

    private static IncomingRecord structured(String key, String id, EventType type, String subject, String data) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/kcat\",\"type\":\"" + type.ceType()
                + "\"" + (subject == null ? "" : ",\"subject\":\"" + subject + "\"") + ",\"data\":" + data + "}";
        return new IncomingRecord(Topics.CLUSTER_REQUESTS, 0, 0, 0, key,
                Map.of(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CLOUDEVENTS_JSON),
                event.getBytes(StandardCharsets.UTF_8));
    }

    private static ReadRequest.Refused refused(IncomingRecord record) {
        return assertInstanceOf(ReadRequest.Refused.class, RequestReader.read(record));
    }

    @Test
    void aRequestWithoutCeSubjectIsDecidedAndItsSubjectIsThePayloads() {
        for (IncomingRecord r : List.of(binary("edge-a", "1", EventType.CLUSTER_REQUESTED, null, CLUSTER.formatted(3)),
                structured("edge-a", "1", EventType.CLUSTER_REQUESTED, null, CLUSTER.formatted(3)))) {
            ReadRequest.Decidable read = assertInstanceOf(ReadRequest.Decidable.class, RequestReader.read(r));
            assertEquals("c-1", read.event().data().subject());
        }
    }

    @Test
    void aCeSubjectEqualToThePayloadsIsDecided() {
        assertInstanceOf(ReadRequest.Decidable.class,
                RequestReader.read(binary("edge-a", "2", EventType.CLUSTER_REQUESTED, "c-1", CLUSTER.formatted(3))));
        assertInstanceOf(ReadRequest.Decidable.class,
                RequestReader.read(structured("edge-a", "2", EventType.CLUSTER_REQUESTED, "c-1", CLUSTER.formatted(3))));
    }

    @Test
    void aCeSubjectNamingAnotherIdIsRefusedNamingBothAndTheOutcomeNamesThePayloadsSubject() {
        ReadRequest.Refused fromBinary = refused(binary("edge-a", "3", EventType.CLUSTER_REQUESTED, "c-9",
                CLUSTER.formatted(3)));
        ReadRequest.Refused fromStructured = refused(structured("edge-a", "3", EventType.CLUSTER_REQUESTED, "c-9",
                CLUSTER.formatted(3)));

        Outcome outcome = fromBinary.outcome();
        assertEquals("INVALID_REQUEST", outcome.code());
        assertEquals(List.of("ce_subject"), outcome.paths());
        assertTrue(outcome.message().contains("'c-9'") && outcome.message().contains("clusterId is 'c-1'"),
                outcome.message());
        assertEquals("c-1", fromBinary.identity().subjectId());
        assertEquals("team-a", fromBinary.team());
        assertEquals(outcome, fromStructured.outcome(), "the same reason in both modes");
        assertEquals(fromBinary.identity(), fromStructured.identity());
    }

    @Test
    void theSubjectFieldOfEveryRequestTypeIsWhatItsPayloadCallsItsSubject() {
        List<EventPayload> requests = List.of(
                new ClusterRequested("c-1", "t", "s-1", "1.31", new ControlPlane(1, 1, 512, 5), Workers.bareMetal(0),
                        null, Map.of()),
                new ClusterScaleRequested("c-2", "t", "s-1", 3, null),
                new ClusterDeleteRequested("c-3", "t", "s-1", null),
                new NetworkFunctionRequested("nf-1", "t", "s-1", "c-1", NetworkFunctionKind.UPF, 1, 1, 0, 512, Map.of()),
                new NetworkFunctionDeleteRequested("nf-2", "t", "s-1", "c-1", null),
                new SiteEnrollRequested("s-2", "pem", "ops"),
                new io.edgefleet.events.request.ClusterUpgradeRequested("c-4", "t", "s-1", "1.32"),
                new io.edgefleet.events.request.SiteConsolidateRequested("s-3",
                        io.edgefleet.events.request.ConsolidationAction.DRY_RUN, null, null),
                new io.edgefleet.events.request.TeamQuotaSet("t-2", 8L, null, null, 2));
        assertEquals(Arrays.stream(EventType.values()).filter(t -> t.requestKind().isPresent()).count(),
                requests.size(), "one sample per request type");
        for (EventPayload request : requests) {
            String field = RequestSubject.field(EventType.of(request));
            assertNotNull(field, EventType.of(request).ceType());
            String inJson = EventJson.mapper().valueToTree(request).path(field).asText();
            assertEquals(request.subject(), inJson, EventType.of(request) + "." + field);
        }
    }

    @Test
    void aStructuredRuleBreakIsRefusedWithTheReasonOfBinaryMode() {
        ReadRequest.Refused fromBinary = refused(binary("edge-a", "4", EventType.CLUSTER_REQUESTED, null,
                CLUSTER.formatted(4)));
        ReadRequest.Refused fromStructured = refused(structured("edge-a", "4", EventType.CLUSTER_REQUESTED, null,
                CLUSTER.formatted(4)));

        assertEquals(List.of("$.controlPlane.replicas"), fromBinary.outcome().paths());
        assertTrue(fromBinary.outcome().message().startsWith("1 problem in the request: $.controlPlane.replicas: "),
                fromBinary.outcome().message());
        assertEquals(fromBinary.outcome(), fromStructured.outcome());
        assertEquals(new RequestIdentity("/kcat#4", EventType.CLUSTER_REQUESTED, "edge-a", "c-1"),
                fromStructured.identity());
        assertEquals(RequestKind.CLUSTER_CREATE, fromStructured.identity().kind());
    }

    @Test
    void aRecordKeyedByAnotherSiteIsRefusedNamingTheKeyAndTheSite() {
        for (IncomingRecord r : List.of(binary("edge-b", "5", EventType.CLUSTER_REQUESTED, null, CLUSTER.formatted(3)),
                structured("edge-b", "5", EventType.CLUSTER_REQUESTED, null, CLUSTER.formatted(3)))) {
            ReadRequest.Refused read = refused(r);
            Outcome outcome = read.outcome();
            assertEquals(List.of("$.siteId"), outcome.paths());
            assertTrue(outcome.message().contains("the record key is 'edge-b' but the payload's siteId is 'edge-a'"),
                    outcome.message());
            assertEquals("edge-a", read.identity().siteId(), "answered for the site the request names");
        }
        ReadRequest.Refused unkeyed = refused(binary(null, "6", EventType.CLUSTER_REQUESTED, null, CLUSTER.formatted(3)));
        assertTrue(unkeyed.outcome().message().contains("the record has no key but the payload's siteId is 'edge-a'"),
                unkeyed.outcome().message());
    }

    @Test
    void everyProblemIsReportedAtOnceEvenWhenThePayloadIsInvalid() {
        ReadRequest.Refused read = refused(structured("edge-b", "7", EventType.CLUSTER_REQUESTED, "c-9",
                CLUSTER.formatted(4)));

        assertEquals(List.of("$.controlPlane.replicas", "ce_subject", "$.siteId"), read.outcome().paths());
        assertEquals("c-1", read.identity().subjectId());
        assertEquals("edge-a", read.identity().siteId());
    }

    @Test
    void aNetworkFunctionsSubjectIsItsNfId() {
        String data = "{\"nfId\":\"upf-1\",\"team\":\"team-a\",\"siteId\":\"edge-a\",\"clusterId\":\"c-1\"}";
        ReadRequest.Refused read = refused(binary("edge-a", "8", EventType.NETWORK_FUNCTION_DELETE_REQUESTED, "c-1",
                data));

        assertTrue(read.outcome().message().contains("the payload's nfId is 'upf-1'"), read.outcome().message());
        assertEquals("upf-1", read.identity().subjectId());
    }

    @Test
    void onlyRecordsNamingNoRequestAreDeadLetters() {
        IncomingRecord notJson = new IncomingRecord(Topics.CLUSTER_REQUESTS, 0, 0, 0, "edge-a",
                Map.of(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CLOUDEVENTS_JSON),
                "{not json".getBytes(StandardCharsets.UTF_8));
        IncomingRecord noId = structured("edge-a", "", EventType.CLUSTER_REQUESTED, null, CLUSTER.formatted(4));
        EncodedEvent outcome = CloudEventCodec.encode(CloudEvent.of("/kcat", "9", T,
                new RequestAccepted("/x#1", "edge-a", RequestKind.CLUSTER_DELETE, "c-1", T)));

        assertEquals("MALFORMED_JSON", assertInstanceOf(ReadRequest.Unanswerable.class,
                RequestReader.read(notJson)).code());
        List<Violation> why = assertInstanceOf(ReadRequest.Unanswerable.class, RequestReader.read(noId)).violations();
        assertTrue(why.stream().anyMatch(v -> v.path().equals("$.id")), "a dead letter keeps structured names: " + why);
        assertEquals("UNKNOWN_TYPE", assertInstanceOf(ReadRequest.Unanswerable.class, RequestReader.read(
                new IncomingRecord(Topics.CLUSTER_REQUESTS, 0, 0, 0, "edge-a", outcome.headers(), outcome.value())))
                .code(), "a valid event that is not a request");
    }

    @Test
    void hostileValuesAreQuotedEscapedAndShort() {
        String hostile = "x\u0000".repeat(100);
        ReadRequest.Refused read = refused(binary("edge-a", "10", EventType.CLUSTER_REQUESTED, hostile,
                CLUSTER.formatted(3)));

        String message = read.outcome().message();
        assertTrue(message.contains("'x\\u0000x\\u0000") && message.contains("…'"), message);
        assertTrue(message.chars().noneMatch(c -> c < 0x20), "no control characters: " + message);
        assertTrue(message.length() < 600, message);
    }
}
