package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.validation.Validated;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloudEventCodecTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void binaryModeRoundTripsEveryEventType(EventType type) {
        CloudEvent<EventPayload> event = CloudEvent.of("/test", "id-1", Samples.T, Samples.of(type));

        EncodedEvent encoded = CloudEventCodec.encode(event);
        Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(encoded.headers(), encoded.value());

        assertEquals(Validated.valid(event), decoded, () -> decoded.violations().toString());
        assertEquals(type.topic(), encoded.topic());
        assertEquals(Samples.of(type).partitionKey(), encoded.key());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void structuredModeRoundTripsEveryEventType(EventType type) {
        CloudEvent<EventPayload> event = CloudEvent.of("/test", "id-1", Samples.T, Samples.of(type));

        byte[] value = CloudEventCodec.encodeStructured(event);
        var decoded = CloudEventCodec.decode(Map.of("content-type", "application/cloudevents+json; charset=UTF-8"), value);

        assertEquals(Validated.valid(event), decoded, () -> decoded.violations().toString());
    }

    @Test
    void binaryHeadersFollowTheKafkaProtocolBinding() {
        var encoded = CloudEventCodec.encode(CloudEvent.of("/ops/ci", "42", Samples.T, Samples.clusterRequested()));

        assertEquals(Map.of(
                "ce_specversion", "1.0",
                "ce_id", "42",
                "ce_source", "/ops/ci",
                "ce_type", "io.edgefleet.cluster.requested.v1",
                "ce_time", "2025-06-01T12:00:00Z",
                "ce_subject", "ci-4711",
                "content-type", "application/json"), encoded.headers());
        assertEquals("fleet.cluster-requests.v1", encoded.topic());
        assertEquals("edge-par-01", encoded.key());
    }

    @Test
    void typedDecodeRefusesAnotherEventType() {
        var encoded = CloudEventCodec.encode(CloudEvent.of("/p", Samples.clusterRequested()));

        var asPlan = CloudEventCodec.decode(encoded.headers(), encoded.value(), SitePlan.class);
        var asRequest = CloudEventCodec.decode(encoded.headers(), encoded.value(), ClusterRequested.class);

        assertEquals("ce_type", asPlan.violations().get(0).path());
        assertTrue(asRequest.isValid());
    }

    @Test
    void missingAndBadHeadersAreAllReported() {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "0.3");
        headers.put("ce_type", "io.edgefleet.cluster.requested.v1");
        headers.put("ce_time", "yesterday");
        byte[] value = CloudEventCodec.toJson(Samples.clusterRequested());

        var decoded = CloudEventCodec.decode(headers, value);

        assertEquals(java.util.List.of("ce_specversion", "ce_id", "ce_source", "ce_time"),
                decoded.violations().stream().map(v -> v.path()).toList(), decoded.violations().toString());
    }

    @Test
    void requestIdIsSourceAndId() {
        var event = CloudEvent.of("/ops/ci", "42", Samples.T, Samples.clusterRequested());
        assertEquals("/ops/ci#42", event.requestId());
    }

    @Test
    void jsonUsesIsoTimesAndLeavesNullsOut() {
        String json = new String(CloudEventCodec.toJson(Samples.of(EventType.MICROVM_STATE_CHANGED)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"observedAt\":\"2025-06-01T12:00:00Z\""), json);
        assertTrue(json.contains("\"state\":\"RUNNING\""), json);
        assertTrue(!json.contains("reason"), json);
    }
}
