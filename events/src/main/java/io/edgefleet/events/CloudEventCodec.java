package io.edgefleet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes events for Kafka and decodes them back, in CloudEvents binary mode (attributes in
 * {@code ce_*} headers, data as the JSON value) and, on input, structured mode (the whole event
 * as a JSON value with {@code content-type: application/cloudevents+json}).
 *
 * <p>Works on plain header maps and byte arrays, so it needs no Kafka client: a service copies
 * {@link EncodedEvent#headers()} into Kafka headers (UTF-8) and back. Decoding never throws; it
 * returns every problem found, headers and payload together.
 */
public final class CloudEventCodec {

    private CloudEventCodec() {
    }

    /** Binary mode: topic, key, {@code ce_*} headers and the data as JSON bytes. */
    public static EncodedEvent encode(CloudEvent<?> event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, event.id());
        headers.put(CloudEventHeaders.SOURCE, event.source());
        headers.put(CloudEventHeaders.TYPE, event.type().ceType());
        if (event.time() != null) {
            headers.put(CloudEventHeaders.TIME, event.time().toString());
        }
        if (event.subject() != null) {
            headers.put(CloudEventHeaders.SUBJECT, event.subject());
        }
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new EncodedEvent(event.topic(), event.key(), headers, toJson(event.data()));
    }

    /** Structured mode: the whole event as one JSON document (send with content-type application/cloudevents+json). */
    public static byte[] encodeStructured(CloudEvent<?> event) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("specversion", CloudEventHeaders.SPEC_VERSION_1_0);
        root.put("id", event.id());
        root.put("source", event.source());
        root.put("type", event.type().ceType());
        if (event.time() != null) {
            root.put("time", event.time().toString());
        }
        if (event.subject() != null) {
            root.put("subject", event.subject());
        }
        root.put("datacontenttype", CloudEventHeaders.JSON);
        root.set("data", EventJson.mapper().valueToTree(event.data()));
        return toJson(root);
    }

    /** The payload alone as JSON bytes, as it goes in a binary-mode value. */
    public static byte[] toJson(Object payload) {
        try {
            return EventJson.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a Kafka record's headers and value, in binary or structured mode (chosen by the
     * {@code content-type} header). Never throws.
     */
    public static Validated<CloudEvent<EventPayload>> decode(Map<String, String> headers, byte[] value) {
        try {
            Map<String, String> h = headers == null ? Map.of() : headers;
            String contentType = HeaderLookup.get(h, CloudEventHeaders.CONTENT_TYPE);
            if (ContentTypes.isStructured(contentType)) {
                return StructuredDecoder.decode(value);
            }
            return BinaryDecoder.decode(h, value);
        } catch (Exception | StackOverflowError e) {
            return Validated.invalid(new Violation("$", io.edgefleet.events.validation.ViolationCode.UNREADABLE,
                    "could not be decoded: " + e.getClass().getSimpleName()));
        }
    }

    /** Like {@link #decode(Map, byte[])}, and the event must carry a {@code payloadClass}. */
    @SuppressWarnings("unchecked")
    public static <T extends EventPayload> Validated<CloudEvent<T>> decode(
            Map<String, String> headers, byte[] value, Class<T> payloadClass) {
        Validated<CloudEvent<EventPayload>> decoded = decode(headers, value);
        if (decoded instanceof Validated.Valid<CloudEvent<EventPayload>> valid
                && !payloadClass.isInstance(valid.value().data())) {
            return Validated.invalid(new Violation(CloudEventHeaders.TYPE,
                    io.edgefleet.events.validation.ViolationCode.UNKNOWN_TYPE,
                    "expected " + EventType.of(payloadClass).ceType() + " here (got "
                            + valid.value().type().ceType() + ")"));
        }
        return decoded.map(e -> (CloudEvent<T>) (CloudEvent<?>) e);
    }

    /** Decodes only a payload of a known type, e.g. a file or a REST body. Never throws. */
    public static Validated<EventPayload> decodeData(EventType type, byte[] json) {
        return EventValidator.validate(type, json);
    }

    /** Reads a structured-mode {@code data} member of a known type. Never throws. */
    static Validated<EventPayload> decodeData(EventType type, JsonNode data) {
        return EventValidator.validate(type, data);
    }
}
