package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema and record must describe the same thing: walks each record's components recursively
 * beside the schema's properties and compares names, required-ness, JSON types and enum values.
 */
class SchemaDriftTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaMatchesRecord(EventType type) throws Exception {
        JsonNode schema = schema(type);
        List<String> problems = new ArrayList<>();

        compare(type.payloadClass(), schema, "$", problems);

        assertEquals(List.of(), problems, type.ceType());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals(type.ceType(), schema.path("title").asText());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serialisedFieldsAreExactlyTheRecordComponents(EventType type) {
        JsonNode json = EventJson.mapper().valueToTree(Samples.of(type));
        Set<String> fields = new TreeSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        Set<String> components = new TreeSet<>();
        Arrays.stream(type.payloadClass().getRecordComponents()).map(RecordComponent::getName).forEach(components::add);
        // Samples leave some optional fields null, and nulls are not written.
        assertTrue(components.containsAll(fields), () -> "extra fields " + fields + " vs " + components);
    }

    static JsonNode schema(EventType type) throws Exception {
        try (InputStream in = SchemaDriftTest.class.getResourceAsStream(type.schemaResource())) {
            return EventJson.mapper().readTree(in);
        }
    }

    private static void compare(Type javaType, JsonNode schema, String path, List<String> problems) {
        Set<String> types = jsonTypes(schema);
        types.remove("null");
        if (javaType instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                expect(types, "array", path, problems);
                compare(p.getActualTypeArguments()[0], schema.path("items"), path + "[]", problems);
            } else if (Map.class.isAssignableFrom(raw)) {
                expect(types, "object", path, problems);
                compare(p.getActualTypeArguments()[1], schema.path("additionalProperties"), path + "{}", problems);
            } else {
                problems.add(path + ": unexpected generic type " + p);
            }
            return;
        }
        Class<?> c = (Class<?>) javaType;
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            expect(types, "integer", path, problems);
        } else if (c == boolean.class || c == Boolean.class) {
            expect(types, "boolean", path, problems);
        } else if (c == double.class || c == Double.class) {
            expect(types, "number", path, problems);
        } else if (c == String.class) {
            expect(types, "string", path, problems);
        } else if (c == Instant.class) {
            expect(types, "string", path, problems);
            if (!"date-time".equals(schema.path("format").asText())) {
                problems.add(path + ": a time must have format date-time");
            }
        } else if (c.isEnum()) {
            expect(types, "string", path, problems);
            Set<String> constants = new TreeSet<>();
            Arrays.stream(c.getEnumConstants()).forEach(e -> constants.add(((Enum<?>) e).name()));
            Set<String> values = new TreeSet<>();
            schema.path("enum").forEach(v -> {
                if (!v.isNull()) {
                    values.add(v.asText());
                }
            });
            if (!constants.equals(values)) {
                problems.add(path + ": enum " + values + " but Java has " + constants);
            }
        } else if (c.isRecord()) {
            expect(types, "object", path, problems);
            compareRecord(c, schema, path, problems);
        } else {
            problems.add(path + ": no rule for Java type " + c.getName());
        }
    }

    private static void compareRecord(Class<?> c, JsonNode schema, String path, List<String> problems) {
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> components = new TreeSet<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            components.add(rc.getName());
        }
        if (!properties.equals(components)) {
            problems.add(path + ": schema properties " + properties + " but " + c.getSimpleName() + " has " + components);
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (String r : required) {
            if (!components.contains(r)) {
                problems.add(path + ": required '" + r + "' is not a component of " + c.getSimpleName());
            }
        }
        for (RecordComponent rc : c.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(rc.getName());
            if (property.isMissingNode()) {
                continue;
            }
            String p = path + "." + rc.getName();
            boolean nullable = jsonTypes(property).contains("null");
            boolean collection = List.class.isAssignableFrom(rc.getType()) || Map.class.isAssignableFrom(rc.getType());
            if (rc.getType().isPrimitive() && !required.contains(rc.getName())) {
                problems.add(p + ": a primitive must be required");
            }
            if (required.contains(rc.getName()) && nullable) {
                problems.add(p + ": required but nullable");
            }
            if (!required.contains(rc.getName()) && !collection && !nullable) {
                problems.add(p + ": optional, so the schema must accept null");
            }
            compare(rc.getGenericType(), property, p, problems);
        }
    }

    private static void expect(Set<String> types, String expected, String path, List<String> problems) {
        if (!types.equals(Set.of(expected))) {
            problems.add(path + ": schema type " + types + ", expected " + expected);
        }
    }

    private static Set<String> jsonTypes(JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (Iterator<JsonNode> it = type.elements(); it.hasNext(); ) {
                types.add(it.next().asText());
            }
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        return types;
    }
}
