package io.edgefleet.events.validation;

import io.edgefleet.events.EventType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Resolves a {@code ce_type} string, telling an unknown type from a known type in another version. */
public final class EventTypes {

    private EventTypes() {
    }

    /**
     * The event type, or a violation at {@code path}: REQUIRED, UNSUPPORTED_VERSION (e.g.
     * {@code io.edgefleet.cluster.requested.v2}) or UNKNOWN_TYPE.
     */
    public static Validated<EventType> resolve(String ceType, String path) {
        if (ceType == null || ceType.isBlank()) {
            return Validated.invalid(new Violation(path, ViolationCode.REQUIRED, "is required"));
        }
        var exact = EventType.fromCeType(ceType);
        if (exact.isPresent()) {
            return Validated.valid(exact.get());
        }
        int dot = ceType.lastIndexOf('.');
        String unversioned = dot > 0 ? ceType.substring(0, dot) : ceType;
        for (EventType type : EventType.values()) {
            if (type.unversionedCeType().equals(unversioned)) {
                return Validated.invalid(new Violation(path, ViolationCode.UNSUPPORTED_VERSION,
                        "version '" + ceType.substring(dot + 1) + "' of " + unversioned
                                + " is not supported; this reader speaks " + type.ceType()));
            }
        }
        for (EventType type : EventType.values()) {
            if (type.ceType().equalsIgnoreCase(ceType.trim())) {
                return Validated.invalid(new Violation(path, ViolationCode.UNKNOWN_TYPE,
                        "unknown event type '" + Texts.shorten(ceType) + "'; types are case-sensitive: did you mean "
                                + type.ceType() + "?"));
            }
        }
        // Only the request types are listed: they are what an operator publishes by hand.
        return Validated.invalid(new Violation(path, ViolationCode.UNKNOWN_TYPE,
                "unknown event type '" + Texts.shorten(ceType) + "'; requests are "
                        + Arrays.stream(EventType.values()).filter(EventType::isRequest)
                                .map(EventType::ceType).collect(Collectors.joining(", "))));
    }
}
