package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a JSON Schema error into words for an operator, e.g.
 * {@code $.controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)}. The limits in the message are read
 * from the schema itself, so the text cannot disagree with the rule.
 */
final class SchemaMessages {

    private SchemaMessages() {
    }

    static Violation toViolation(ValidationMessage m, JsonNode schemaRoot) {
        String path = path(m.getInstanceLocation());
        JsonNode rule = parentSchema(schemaRoot, m.getSchemaLocation().getFragment());
        JsonNode value = m.getInstanceNode();
        String got = " (got " + JsonTypes.value(value) + ")";
        String keyword = m.getType() == null ? "" : m.getType();
        return switch (keyword) {
            case "required" -> new Violation(JsonPaths.child(path, m.getProperty()), ViolationCode.REQUIRED, "is required");
            case "type" -> new Violation(path, ViolationCode.WRONG_TYPE,
                    "must be " + expectedType(rule.get("type")) + " (got " + JsonTypes.describe(value) + ")");
            case "enum" -> new Violation(path, ViolationCode.NOT_ALLOWED, "must be " + alternatives(rule.get("enum")) + got);
            case "minimum", "maximum" -> new Violation(path, ViolationCode.OUT_OF_RANGE, range(rule) + got);
            case "pattern" -> new Violation(path, ViolationCode.BAD_FORMAT,
                    "must be " + Patterns.describe(rule.path("pattern").asText()) + got);
            case "format" -> new Violation(path, ViolationCode.BAD_FORMAT,
                    "must be an RFC 3339 date-time such as 2025-06-01T12:00:00Z" + got);
            case "minLength" -> new Violation(path, ViolationCode.BAD_FORMAT, "must not be empty");
            case "maxLength" -> new Violation(path, ViolationCode.BAD_FORMAT,
                    "must be at most " + rule.path("maxLength").asInt() + " characters (got "
                            + (value != null && value.isTextual() ? value.textValue().length() : 0) + ")");
            case "maxItems", "maxProperties" -> new Violation(path, ViolationCode.BAD_COUNT,
                    "must have at most " + rule.path(keyword).asInt() + " entries (got " + (value == null ? 0 : value.size()) + ")");
            case "propertyNames" -> propertyName(m, path, rule.path("propertyNames"));
            default -> new Violation(path, ViolationCode.BAD_FORMAT, withoutPath(m));
        };
    }

    /** A bad map key (label key, physnet name): point at the key itself. */
    private static Violation propertyName(ValidationMessage m, String mapPath, JsonNode rule) {
        String name = m.getProperty();
        if (name == null && m.getArguments() != null && m.getArguments().length > 0) {
            name = String.valueOf(m.getArguments()[0]);
        }
        if (name == null) {
            return new Violation(mapPath, ViolationCode.BAD_FORMAT, withoutPath(m));
        }
        String expected = Patterns.describe(rule.path("pattern").asText());
        if (rule.has("maxLength")) {
            expected += ", at most " + rule.get("maxLength").asInt() + " characters";
        }
        return new Violation(JsonPaths.child(mapPath, name), ViolationCode.BAD_FORMAT,
                "key must be " + expected + " (got \"" + Texts.shorten(name) + "\")");
    }

    /** {@code $.a.b[0]} from the validator's path elements, in our own style whatever its config. */
    static String path(JsonNodePath location) {
        List<Object> elements = new ArrayList<>();
        for (JsonNodePath p = location; p != null && p.getNameCount() > 0; p = p.getParent()) {
            elements.add(0, p.getElement(p.getNameCount() - 1));
        }
        String path = JsonPaths.ROOT;
        for (Object element : elements) {
            path = element instanceof Integer i ? JsonPaths.index(path, i) : JsonPaths.child(path, String.valueOf(element));
        }
        return path;
    }

    /** The schema object that holds the failing keyword (the keyword's location minus its last step). */
    private static JsonNode parentSchema(JsonNode root, JsonNodePath fragment) {
        JsonNode node = root;
        int steps = fragment == null ? 0 : fragment.getNameCount() - 1;
        for (int i = 0; i < steps; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    private static String expectedType(JsonNode type) {
        if (type == null) {
            return "another type";
        }
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(article(t.asText())));
        } else {
            names.add(article(type.asText()));
        }
        return String.join(" or ", names);
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "integer" -> "an integer";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> "a " + jsonType;
        };
    }

    /** {@code 1, 3, 5 or 7}; a {@code null} member (optional enums) is not worth listing. */
    private static String alternatives(JsonNode values) {
        List<String> names = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> {
                if (!v.isNull()) {
                    names.add(v.asText());
                }
            });
        }
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String range(JsonNode rule) {
        boolean hasMin = rule.has("minimum");
        boolean hasMax = rule.has("maximum");
        if (hasMin && hasMax) {
            return "must be between " + rule.get("minimum").asText() + " and " + rule.get("maximum").asText();
        }
        return hasMin ? "must be at least " + rule.get("minimum").asText() : "must be at most " + rule.get("maximum").asText();
    }

    private static String withoutPath(ValidationMessage m) {
        String message = String.valueOf(m.getMessage());
        int colon = message.indexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}
