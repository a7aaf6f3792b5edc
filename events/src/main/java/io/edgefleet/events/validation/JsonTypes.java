package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Describes a JSON value the way an operator reads it: {@code string "abc"}, {@code number 4}. */
final class JsonTypes {

    private JsonTypes() {
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "string \"" + Texts.shorten(node.textValue()) + "\"";
        }
        if (node.isNumber()) {
            return (node.isIntegralNumber() ? "integer " : "number ") + Texts.shorten(node.asText());
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The value only, for "(got 4)" style suffixes. */
    static String value(JsonNode node) {
        if (node != null && (node.isNumber() || node.isBoolean())) {
            return Texts.shorten(node.asText());
        }
        if (node != null && node.isTextual()) {
            return "\"" + Texts.shorten(node.textValue()) + "\"";
        }
        return describe(node);
    }
}
