package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import java.util.List;

/** Cross-field rules a JSON Schema would express only with unreadable errors. */
final class PayloadRules {

    private PayloadRules() {
    }

    static List<Violation> check(EventType type, JsonNode data) {
        return List.of();
    }
}
