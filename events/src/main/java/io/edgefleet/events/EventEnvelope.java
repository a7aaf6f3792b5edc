package io.edgefleet.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.Validated;
import java.util.Map;
import java.util.Optional;

/**
 * The context attributes and the data of a Kafka record as written, in binary or structured mode,
 * read WITHOUT validating them. A consumer answers a record that failed {@link CloudEventCodec#decode}
 * with what it can still read here (its id and source, its type, the site its data names), in the
 * same way whichever mode the producer chose.
 *
 * <p>Attributes the record does not carry as text are {@code null}. {@code data} is the parsed
 * payload (the value in binary mode, the {@code data} member in structured mode), or {@code null}
 * when it is absent or not JSON. Reading never throws.
 *
 * @param structured whether the record is in structured mode ({@code application/cloudevents+json})
 * @param id         {@code ce_id} / {@code id}
 * @param source     {@code ce_source} / {@code source}
 * @param type       {@code ce_type} / {@code type}
 * @param subject    {@code ce_subject} / {@code subject}
 * @param data       the payload as a tree, or {@code null}
 */
public record EventEnvelope(boolean structured, String id, String source, String type, String subject,
                            JsonNode data) {

    private static final EventEnvelope NOTHING_STRUCTURED = new EventEnvelope(true, null, null, null, null, null);

    /** Reads a record's attributes and data in the mode its {@code content-type} header names. */
    public static EventEnvelope read(Map<String, String> headers, byte[] value) {
        try {
            Map<String, String> h = headers == null ? Map.of() : headers;
            if (ContentTypes.isStructured(HeaderLookup.get(h, CloudEventHeaders.CONTENT_TYPE))) {
                return structured(value);
            }
            Validated<JsonNode> data = EventValidator.parse(value);
            return new EventEnvelope(false, HeaderLookup.get(h, CloudEventHeaders.ID),
                    HeaderLookup.get(h, CloudEventHeaders.SOURCE), HeaderLookup.get(h, CloudEventHeaders.TYPE),
                    HeaderLookup.get(h, CloudEventHeaders.SUBJECT), data.toOptional().orElse(null));
        } catch (RuntimeException | StackOverflowError e) {
            return new EventEnvelope(false, null, null, null, null, null);
        }
    }

    /** Structured mode: everything comes from the value; Kafka headers other than content-type are not read. */
    private static EventEnvelope structured(byte[] value) {
        Optional<JsonNode> root = EventValidator.parse(value).toOptional();
        if (root.isEmpty() || !root.get().isObject()) {
            return NOTHING_STRUCTURED;
        }
        JsonNode event = root.get();
        JsonNode data = event.get("data");
        return new EventEnvelope(true, text(event, "id"), text(event, "source"), text(event, "type"),
                text(event, "subject"), data == null || data.isNull() ? null : data);
    }

    /** A text member of the payload, e.g. {@code dataText("siteId")}; empty when absent or not text. */
    public Optional<String> dataText(String field) {
        return data != null && data.isObject() ? Optional.ofNullable(text(data, field)) : Optional.empty();
    }

    private static String text(JsonNode object, String field) {
        JsonNode n = object.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
