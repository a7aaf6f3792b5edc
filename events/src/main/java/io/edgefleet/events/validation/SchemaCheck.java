package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a payload tree against its event type's JSON Schema (draft 2020-12) and turns each
 * schema error into an operator-readable {@link Violation}.
 */
final class SchemaCheck {

    private record Loaded(JsonNode raw, JsonSchema schema) {
    }

    /** Loaded once: a schema is parsed and compiled in a few milliseconds, a check in microseconds. */
    private static final Map<EventType, Loaded> SCHEMAS = loadAll();

    private SchemaCheck() {
    }

    static List<Violation> check(EventType type, JsonNode data) {
        Loaded loaded = SCHEMAS.get(type);
        Set<ValidationMessage> messages = loaded.schema().validate(data);
        List<Violation> violations = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            violations.add(SchemaMessages.toViolation(message, loaded.raw()));
        }
        return violations;
    }

    /** The raw schema document of an event type (for tests and documentation). */
    static JsonNode schemaOf(EventType type) {
        return SCHEMAS.get(type).raw();
    }

    /**
     * One violation per path when the value has the wrong type (an enum that got a number also
     * fails its enum: one message is enough), duplicates removed, sorted by path for stable output.
     */
    static List<Violation> tidy(List<Violation> violations) {
        Set<String> wrongType = new HashSet<>();
        for (Violation v : violations) {
            if (v.code() == ViolationCode.WRONG_TYPE) {
                wrongType.add(v.path());
            }
        }
        return violations.stream()
                .filter(v -> v.code() == ViolationCode.WRONG_TYPE || !wrongType.contains(v.path()))
                .distinct()
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::code))
                .toList();
    }

    private static Map<EventType, Loaded> loadAll() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // "format" is only an annotation in 2020-12 unless asserted; we want bad times refused here,
        // with a readable message, rather than failing later in the record binding.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<EventType, Loaded> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = SchemaCheck.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + type.schemaResource());
                }
                JsonNode raw = EventJson.mapper().readTree(in);
                schemas.put(type, new Loaded(raw, factory.getSchema(raw, config)));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable schema " + type.schemaResource(), e);
            }
        }
        return schemas;
    }
}
