package io.edgefleet.events.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.events.EventJson;

/**
 * Parses untrusted bytes into a tree, strictly and within bounds, turning every failure into a
 * {@link Violation}. Package-private: callers go through {@link EventValidator}.
 */
final class JsonReading {

    /** No event of the contract nests deeper than ~6; 32 leaves room and stops stack games. */
    static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper STRICT = strictMapper();

    private JsonReading() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = EventJson.newMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(EventValidator.MAX_PAYLOAD_BYTES)
                .maxNumberLength(64)
                .build());
        // Which of two duplicate fields wins is parser-specific; refusing both is the only safe reading.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /** The tree, or a MALFORMED_JSON / PAYLOAD_TOO_LARGE violation at {@code $}. */
    static Validated<JsonNode> parse(byte[] json) {
        if (json == null || json.length == 0) {
            return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.REQUIRED, "payload is empty"));
        }
        if (json.length > EventValidator.MAX_PAYLOAD_BYTES) {
            return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.PAYLOAD_TOO_LARGE,
                    "payload is " + json.length + " bytes, the limit is " + EventValidator.MAX_PAYLOAD_BYTES));
        }
        try {
            JsonNode node = STRICT.readTree(json);
            if (node == null || node.isMissingNode()) {
                return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.MALFORMED_JSON, "payload is blank"));
            }
            return Validated.valid(node);
        } catch (JsonProcessingException e) {
            return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.MALFORMED_JSON,
                    "is not valid JSON: " + describe(e)));
        } catch (Exception | StackOverflowError e) {
            // Belt and braces: the validator promises never to throw, whatever the bytes.
            return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.MALFORMED_JSON,
                    "could not be read as JSON: " + e.getClass().getSimpleName()));
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }
}
