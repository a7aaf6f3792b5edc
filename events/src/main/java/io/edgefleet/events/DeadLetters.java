package io.edgefleet.events;

import io.edgefleet.events.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Headers of a record sent to {@link Topics#DEAD_LETTERS}: the original headers, kept so the
 * record can be replayed once fixed, plus why and where it failed. The key and value are
 * published unchanged.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * @param originalHeaders the failed record's headers (may be {@code null})
     * @param violations      why it could not be read; must not be empty
     * @param topic           where it was read
     * @param partition       its partition
     * @param offset          its offset
     */
    public static Map<String, String> headers(
            Map<String, String> originalHeaders, List<Violation> violations, String topic, int partition, long offset) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a dead letter needs a reason");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (originalHeaders != null) {
            headers.putAll(originalHeaders);
        }
        headers.put(CloudEventHeaders.DLQ_CODE, violations.get(0).code().name());
        headers.put(CloudEventHeaders.DLQ_REASON,
                violations.stream().map(Violation::toString).collect(Collectors.joining("\n")));
        headers.put(CloudEventHeaders.DLQ_TOPIC, topic);
        headers.put(CloudEventHeaders.DLQ_PARTITION, Integer.toString(partition));
        headers.put(CloudEventHeaders.DLQ_OFFSET, Long.toString(offset));
        return headers;
    }
}
