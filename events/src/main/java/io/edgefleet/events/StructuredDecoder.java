package io.edgefleet.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.JsonPaths;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured mode: the value is the whole CloudEvent as JSON; {@code data} must be inline JSON.
 * Violations inside the data get paths under {@code $.data}.
 */
final class StructuredDecoder {

    private StructuredDecoder() {
    }

    static Validated<CloudEvent<EventPayload>> decode(byte[] value) {
        // Parse through the validator's strict reader: same size limit, same syntax errors.
        Validated<JsonNode> tree = EventValidator.parse(value);
        if (!tree.isValid()) {
            return Validated.invalid(tree.violations());
        }
        JsonNode root = tree.orElseThrow();
        if (!root.isObject()) {
            return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.WRONG_TYPE,
                    "a structured-mode event must be a JSON object"));
        }
        List<Violation> early = new ArrayList<>();
        String[] text = new String[6];
        String[] names = {"specversion", "id", "source", "type", "time", "subject"};
        for (int i = 0; i < names.length; i++) {
            JsonNode n = root.get(names[i]);
            if (n != null && !n.isNull()) {
                if (n.isTextual()) {
                    text[i] = n.textValue();
                } else {
                    early.add(new Violation(JsonPaths.child(JsonPaths.ROOT, names[i]), ViolationCode.WRONG_TYPE,
                            "must be a string"));
                }
            }
        }
        JsonNode dct = root.get("datacontenttype");
        if (dct != null && !(dct.isTextual() && ContentTypes.isJsonOrAbsent(dct.textValue()))) {
            early.add(new Violation("$.datacontenttype", ViolationCode.UNSUPPORTED_CONTENT_TYPE,
                    "must be application/json"));
        }
        if (root.has("data_base64")) {
            early.add(new Violation("$.data_base64", ViolationCode.UNSUPPORTED_CONTENT_TYPE,
                    "binary data is not accepted; put the JSON payload in $.data"));
        }
        Validated<CloudEvent<EventPayload>> joined = Attributes.join(text[0], text[1], text[2], text[3], text[4], text[5],
                attribute -> JsonPaths.child(JsonPaths.ROOT, attribute),
                type -> {
                    JsonNode data = root.get("data");
                    if (data == null || data.isNull()) {
                        return Validated.invalid(new Violation("$.data", ViolationCode.REQUIRED, "is required"));
                    }
                    Validated<EventPayload> payload = EventValidator.validate(type, data);
                    return payload.isValid() ? payload
                            : Validated.invalid(payload.violations().stream().map(v -> v.under("$.data")).toList());
                });
        if (early.isEmpty()) {
            return joined;
        }
        early.addAll(joined.violations());
        return Validated.invalid(early);
    }
}
