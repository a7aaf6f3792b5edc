package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a record's attributes without validating it, and naming structured-mode problems as binary mode does. */
class EventEnvelopeTest {
    private static final Map<String, String> STRUCTURED = Map.of("content-type", "application/cloudevents+json");

    @Test
    void binaryModeReadsHeadersAndTheValueEvenWhenTheDataBreaksTheRules() {
        EncodedEvent encoded = CloudEventCodec.encode(CloudEvent.of("/ops", "7", Samples.T, Samples.clusterRequested()));
        byte[] broken = new String(encoded.value(), StandardCharsets.UTF_8)
                .replace("\"replicas\":3", "\"replicas\":4").getBytes(StandardCharsets.UTF_8);

        EventEnvelope envelope = EventEnvelope.read(encoded.headers(), broken);

        assertFalse(CloudEventCodec.decode(encoded.headers(), broken).isValid(), "the fixture must break a rule");
        assertFalse(envelope.structured());
        assertEquals("7", envelope.id());
        assertEquals("/ops", envelope.source());
        assertEquals(EventType.CLUSTER_REQUESTED.ceType(), envelope.type());
        assertEquals("ci-4711", envelope.subject());
        assertEquals(Optional.of("edge-par-01"), envelope.dataText("siteId"));
    }

    @Test
    void structuredModeReadsEverythingFromTheValueAndIgnoresCeHeaders() {
        byte[] value = ("{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"/kcat\",\"type\":\"io.edgefleet.cluster"
                + ".delete-requested.v1\",\"subject\":\"c-1\",\"data\":{\"clusterId\":\"c-1\",\"siteId\":7}}")
                .getBytes(StandardCharsets.UTF_8);

        EventEnvelope envelope = EventEnvelope.read(Map.of("content-type", "application/cloudevents+json",
                "ce_id", "from-a-header"), value);

        assertTrue(envelope.structured());
        assertEquals("s-1", envelope.id());
        assertEquals("/kcat", envelope.source());
        assertEquals("c-1", envelope.subject());
        assertEquals(Optional.of("c-1"), envelope.dataText("clusterId"));
        assertEquals(Optional.empty(), envelope.dataText("siteId"), "a number is not a site id");
    }

    @Test
    void unreadableValuesGiveAnEmptyEnvelopeInsteadOfThrowing() {
        EventEnvelope garbage = EventEnvelope.read(STRUCTURED, "not json".getBytes(StandardCharsets.UTF_8));
        EventEnvelope array = EventEnvelope.read(STRUCTURED, "[1]".getBytes(StandardCharsets.UTF_8));
        EventEnvelope none = EventEnvelope.read(null, null);

        assertNull(garbage.id());
        assertNull(array.type());
        assertNull(none.id());
        assertNull(none.data());
        assertEquals(Optional.empty(), none.dataText("siteId"));
    }

    @Test
    void structuredViolationsAreNamedAsBinaryModeNamesThem() {
        EncodedEvent binary = CloudEventCodec.encode(CloudEvent.of("/ops", "8", Samples.T, Samples.clusterRequested()));
        String data = new String(binary.value(), StandardCharsets.UTF_8).replace("\"replicas\":3", "\"replicas\":4");
        byte[] structured = ("{\"specversion\":\"1.0\",\"id\":\"8\",\"source\":\"/ops\",\"type\":\""
                + EventType.CLUSTER_REQUESTED.ceType() + "\",\"time\":\"yesterday\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> binaryHeaders = new java.util.HashMap<>(binary.headers());
        binaryHeaders.put(CloudEventHeaders.TIME, "yesterday");

        List<Violation> fromBinary = CloudEventCodec.decode(binaryHeaders, data.getBytes(StandardCharsets.UTF_8))
                .violations();
        List<Violation> fromStructured = CloudEventCodec.decode(STRUCTURED, structured).violations();

        assertEquals(List.of("$.time", "$.data.controlPlane.replicas"),
                fromStructured.stream().map(Violation::path).toList(), "structured mode names them its own way");
        assertEquals(fromBinary, BinaryModeNames.of(fromStructured));
    }

    @Test
    void structuredOnlyProblemsKeepTheirNames() {
        List<Violation> named = BinaryModeNames.of(List.of(
                new Violation("$.data_base64", io.edgefleet.events.validation.ViolationCode.UNSUPPORTED_CONTENT_TYPE,
                        "binary data is not accepted"),
                new Violation("$.datacontenttype", io.edgefleet.events.validation.ViolationCode.UNSUPPORTED_CONTENT_TYPE,
                        "must be application/json"),
                new Violation("$.data", io.edgefleet.events.validation.ViolationCode.WRONG_TYPE, "must be a JSON object")));

        assertEquals(List.of("$.data_base64", "$.datacontenttype", "$"), named.stream().map(Violation::path).toList());
    }
}
