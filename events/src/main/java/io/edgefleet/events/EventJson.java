package io.edgefleet.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings of the contract, in one place.
 *
 * <ul>
 *   <li>lowerCamelCase names (the record component names as they are);</li>
 *   <li>times as ISO-8601 / RFC 3339 strings ({@code 2025-06-01T12:00:00Z}), never epoch numbers;</li>
 *   <li>enums as their UPPER_SNAKE names;</li>
 *   <li>{@code null} fields are left out when writing;</li>
 *   <li>unknown fields are ignored when reading, so a v1 reader reads a v1 event that a newer
 *       writer extended with more fields.</li>
 * </ul>
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();

    private EventJson() {
    }

    /** The shared mapper. Thread-safe; do not reconfigure it (use {@link #newMapper()} for that). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the contract's settings, for callers that must add their own. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // A JSON null where a number is required must not silently become 0.
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
