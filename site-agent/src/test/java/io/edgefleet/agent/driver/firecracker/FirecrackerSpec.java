package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Firecracker's own Swagger 2.0 API spec ({@code shared/specs/firecracker-api.yaml}), loaded to check
 * requests against it: the path and method exist, a body is present when the spec requires one, and
 * the body matches its definition (required fields, types, integer formats and bounds, enum values,
 * nested definitions by $ref).
 *
 * <p>Unknown fields are refused unless a schema says {@code additionalProperties}: the spec leaves
 * this unstated, but Firecracker's server parses every body with {@code deny_unknown_fields} and
 * answers 400 to a field it does not know, so a fake that allowed them would hide real failures.
 */
final class FirecrackerSpec {

    /** Where the spec is, relative to the site-agent module (Maven's working directory for tests). */
    static final Path DEFAULT_LOCATION = Path.of("../../shared/specs/firecracker-api.yaml");

    private final JsonNode root;

    private FirecrackerSpec(JsonNode root) {
        this.root = root;
    }

    /** Loads the spec from {@code -Dfirecracker.spec=...} or the default location; fails with a clear message if absent. */
    static FirecrackerSpec load() {
        Path file = Path.of(System.getProperty("firecracker.spec", DEFAULT_LOCATION.toString()));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Firecracker API spec not found at " + file.toAbsolutePath().normalize()
                    + ": these tests check requests against it. Expected the shared specs beside the repository"
                    + " (../shared/specs/firecracker-api.yaml from the repository root), or pass -Dfirecracker.spec=PATH.");
        }
        try {
            return new FirecrackerSpec(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The spec's version string (info.version). */
    String version() {
        return root.path("info").path("version").asText();
    }

    /** Problems of one request against the spec; empty if it conforms. */
    List<String> checkRequest(String method, String path, String body) {
        List<String> errors = new ArrayList<>();
        JsonNode pathItem = null;
        String template = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
            var e = it.next();
            if (matches(e.getKey(), path)) {
                pathItem = e.getValue();
                template = e.getKey();
                break;
            }
        }
        if (pathItem == null) {
            return List.of("no path " + path + " in the API spec");
        }
        JsonNode op = pathItem.get(method.toLowerCase(java.util.Locale.ROOT));
        if (op == null) {
            return List.of("method " + method + " is not defined for " + template);
        }
        JsonNode bodyParam = null;
        for (JsonNode p : op.path("parameters")) {
            if ("body".equals(p.path("in").asText())) {
                bodyParam = p;
            }
        }
        boolean hasBody = body != null && !body.isBlank();
        if (bodyParam == null) {
            if (hasBody) {
                errors.add(method + " " + template + " takes no body");
            }
            return errors;
        }
        if (!hasBody) {
            if (bodyParam.path("required").asBoolean(false)) {
                errors.add(method + " " + template + " requires a body");
            }
            return errors;
        }
        JsonNode value;
        try {
            value = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return List.of("body is not JSON: " + e.getMessage());
        }
        check(bodyParam.path("schema"), value, "body", errors);
        return errors;
    }

    /** Problems of a value against a named definition (e.g. an InstanceInfo the fake answers). */
    List<String> checkDefinition(String name, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(root.path("definitions").path(name), value, name, errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/definitions/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            JsonNode target = root.path("definitions").path(ref.substring("#/definitions/".length()));
            if (target.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref);
            }
            check(target, value, at, errors);
            return;
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> checkObject(schema, value, at, errors);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(at + ": must be an array, got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), at + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(at + ": must be a string, got " + value);
                }
            }
            case "integer" -> checkInteger(schema, value, at, errors);
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(at + ": must be a number, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(at + ": must be a boolean, got " + value);
                }
            }
            case "" -> { /* no constraint */ }
            default -> throw new IllegalStateException("unsupported schema type " + type + " at " + at);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asText().equals(value.asText()) && allowed.isTextual() == value.isTextual();
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (!value.isObject()) {
            errors.add(at + ": must be an object, got " + value);
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(at + "." + required.asText() + ": required field is missing");
            }
        }
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            var field = it.next();
            String fieldAt = at + "." + field.getKey();
            if (props.has(field.getKey())) {
                check(props.get(field.getKey()), field.getValue(), fieldAt, errors);
            } else if (additional == null || additional.isBoolean() && !additional.asBoolean()) {
                errors.add(fieldAt + ": unknown field (Firecracker refuses fields its API does not define)");
            } else if (additional.isObject()) {
                check(additional, field.getValue(), fieldAt, errors);
            }
        }
    }

    private static void checkInteger(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (!value.isIntegralNumber()) {
            errors.add(at + ": must be an integer, got " + value);
            return;
        }
        long v = value.asLong();
        String format = schema.path("format").asText("");
        if ("int32".equals(format) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) || !value.canConvertToLong()) {
            errors.add(at + ": " + value + " is out of range for " + (format.isEmpty() ? "integer" : format));
        }
        if (schema.has("minimum") && v < schema.get("minimum").asLong()) {
            errors.add(at + ": " + v + " is below the minimum " + schema.get("minimum").asLong());
        }
        if (schema.has("maximum") && v > schema.get("maximum").asLong()) {
            errors.add(at + ": " + v + " is above the maximum " + schema.get("maximum").asLong());
        }
    }

    /** Whether a concrete path matches a template such as {@code /drives/{drive_id}}. */
    static boolean matches(String template, String path) {
        String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return path.matches(regex);
    }
}
