package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-field rules. JSON Schema can say them only with if/then/else, whose errors are
 * unreadable ("must not be valid against schema ..."), so they live here with plain messages.
 * Each rule looks only at fields of the right type and leaves type errors to the schema.
 */
final class PayloadRules {

    private static final String[] WORKER_SIZE = {"vcpu", "memoryMib", "diskGib"};

    private PayloadRules() {
    }

    static List<Violation> check(EventType type, JsonNode data) {
        return switch (type) {
            case CLUSTER_REQUESTED -> workers(data.path("workers"));
            case CLUSTER_SCALE_REQUESTED, CLUSTER_DELETE_REQUESTED, NETWORK_FUNCTION_REQUESTED,
                    NETWORK_FUNCTION_DELETE_REQUESTED, REQUEST_ACCEPTED, REQUEST_REJECTED, CLUSTER_STATUS_CHANGED,
                    NETWORK_FUNCTION_STATUS_CHANGED, SITE_PLAN, AGENT_HEARTBEAT, MICROVM_STATE_CHANGED,
                    CLUSTER_BOOTSTRAP_REPORTED, HOST_STATE_CHANGED -> List.of();
        };
    }

    /** A bare-metal worker is a whole host, so it has no size; a microVM worker must have one. */
    private static List<Violation> workers(JsonNode workers) {
        List<Violation> violations = new ArrayList<>();
        if (!workers.isObject()) {
            return violations;
        }
        String kind = workers.path("kind").asText("");
        for (String field : WORKER_SIZE) {
            JsonNode value = workers.get(field);
            boolean present = value != null && !value.isNull();
            String path = "$.workers." + field;
            if ("BARE_METAL".equals(kind) && present) {
                violations.add(new Violation(path, ViolationCode.INCONSISTENT,
                        "must not be set for BARE_METAL workers: a bare-metal worker is a whole host"));
            } else if ("MICROVM".equals(kind) && !present) {
                violations.add(new Violation(path, ViolationCode.REQUIRED, "is required for MICROVM workers"));
            }
        }
        return violations;
    }
}
