package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns untrusted bytes into a payload record, or into the list of every problem found.
 *
 * <p>Order: size (over {@value #MAX_PAYLOAD_BYTES} bytes is refused unparsed), JSON syntax, the
 * event type's JSON Schema, cross-field rules, then binding to the record. All violations of the
 * schema and the rules are reported together, so an operator fixes a request in one go. Nothing
 * throws past this class, whatever the input.
 */
public final class EventValidator {

    /** Largest payload accepted, in bytes (64 KiB): a request is a few hundred bytes. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private EventValidator() {
    }

    /**
     * Validates a payload of the given {@code ce_type}. An unknown type or version is itself a
     * violation (path {@code ce_type}); the payload is still checked for JSON syntax then.
     */
    public static Validated<EventPayload> validate(String ceType, byte[] json) {
        Validated<EventType> type = EventTypes.resolve(ceType, "ce_type");
        if (type instanceof Validated.Invalid<EventType> invalid) {
            List<Violation> all = new ArrayList<>(invalid.violations());
            all.addAll(JsonReading.parse(json).violations());
            return Validated.invalid(all);
        }
        return validate(type.orElseThrow(), json);
    }

    /**
     * Parses untrusted bytes as JSON with the validator's limits (size, nesting, duplicate
     * fields), without checking any schema. Never throws.
     */
    public static Validated<JsonNode> parse(byte[] json) {
        return JsonReading.parse(json);
    }

    /** Validates a payload of a known type. */
    public static Validated<EventPayload> validate(EventType type, byte[] json) {
        Validated<JsonNode> tree = JsonReading.parse(json);
        if (tree instanceof Validated.Invalid<JsonNode> invalid) {
            return Validated.invalid(invalid.violations());
        }
        return validate(type, tree.orElseThrow());
    }

    /** Validates a payload expected to bind to {@code payloadClass}. */
    public static <T extends EventPayload> Validated<T> validate(Class<T> payloadClass, byte[] json) {
        return validate(EventType.of(payloadClass), json).map(payloadClass::cast);
    }

    /** Validates an already parsed payload (e.g. the {@code data} of a structured-mode event). */
    public static Validated<EventPayload> validate(EventType type, JsonNode data) {
        try {
            if (data == null || !data.isObject()) {
                return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.WRONG_TYPE,
                        "must be a JSON object (got " + JsonTypes.describe(data) + ")"));
            }
            List<Violation> violations = new ArrayList<>(SchemaCheck.check(type, data));
            violations.addAll(PayloadRules.check(type, data));
            if (!violations.isEmpty()) {
                return Validated.invalid(SchemaCheck.tidy(violations));
            }
            return Validated.valid(EventJson.mapper().treeToValue(data, type.payloadClass()));
        } catch (Exception | StackOverflowError e) {
            return Validated.invalid(new Violation(JsonPaths.ROOT, ViolationCode.UNREADABLE,
                    "could not be read as " + type.ceType() + ": " + e.getClass().getSimpleName()));
        }
    }
}
