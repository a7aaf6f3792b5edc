package io.edgefleet.events;

import io.edgefleet.events.validation.EventTypes;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks the CloudEvents context attributes, in either mode, and joins them with the data.
 * {@code pathOf} names an attribute where the operator will look for it: a header name in binary
 * mode ({@code ce_id}), a JSON path in structured mode ({@code $.id}).
 */
final class Attributes {

    private static final int MAX_ATTRIBUTE_LENGTH = 512;

    private Attributes() {
    }

    static Validated<CloudEvent<EventPayload>> join(
            String specVersion, String id, String source, String type, String time, String subject,
            Function<String, String> pathOf, Function<EventType, Validated<EventPayload>> readData) {
        List<Violation> violations = new ArrayList<>();
        if (specVersion == null) {
            violations.add(new Violation(pathOf.apply("specversion"), ViolationCode.BAD_HEADER, "is required (1.0)"));
        } else if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            violations.add(new Violation(pathOf.apply("specversion"), ViolationCode.BAD_HEADER,
                    "must be 1.0 (got " + shorten(specVersion) + ")"));
        }
        requireText(id, pathOf.apply("id"), violations);
        requireText(source, pathOf.apply("source"), violations);
        Instant instant = null;
        if (time != null) {
            try {
                instant = EventTimes.parse(time);
            } catch (DateTimeParseException e) {
                violations.add(new Violation(pathOf.apply("time"), ViolationCode.BAD_HEADER,
                        "must be an RFC 3339 time such as 2025-06-01T12:00:00Z (got " + shorten(time) + ")"));
            }
        }
        if (subject != null && subject.length() > MAX_ATTRIBUTE_LENGTH) {
            violations.add(new Violation(pathOf.apply("subject"), ViolationCode.BAD_HEADER,
                    "must be at most " + MAX_ATTRIBUTE_LENGTH + " characters"));
        }
        Validated<EventType> eventType = EventTypes.resolve(type, pathOf.apply("type"));
        violations.addAll(eventType.violations());
        Validated<EventPayload> data = eventType.isValid() ? readData.apply(eventType.orElseThrow()) : null;
        if (data != null) {
            violations.addAll(data.violations());
        }
        if (!violations.isEmpty()) {
            return Validated.invalid(violations);
        }
        return Validated.valid(new CloudEvent<>(id, source, eventType.orElseThrow(), instant, subject, data.orElseThrow()));
    }

    private static void requireText(String value, String path, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(path, ViolationCode.BAD_HEADER, "is required and must not be blank"));
        } else if (value.length() > MAX_ATTRIBUTE_LENGTH) {
            violations.add(new Violation(path, ViolationCode.BAD_HEADER,
                    "must be at most " + MAX_ATTRIBUTE_LENGTH + " characters"));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
