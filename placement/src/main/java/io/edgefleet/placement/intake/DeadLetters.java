package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A record that cannot be read as an event of the contract goes, unchanged, to the dead-letter
 * topic with the reason in headers. It is written through the outbox in the batch's transaction,
 * so it is never lost and never published for a batch that rolled back.
 */
final class DeadLetters {
    private DeadLetters() {
    }

    static EncodedEvent of(IncomingRecord record, String code, List<Violation> violations) {
        Map<String, String> headers = new LinkedHashMap<>(record.headers());
        headers.put(CloudEventHeaders.DLQ_CODE, code);
        headers.put(CloudEventHeaders.DLQ_REASON, violations.stream().map(Violation::toString)
                .collect(Collectors.joining("\n")));
        headers.put(CloudEventHeaders.DLQ_TOPIC, record.topic());
        headers.put(CloudEventHeaders.DLQ_PARTITION, String.valueOf(record.partition()));
        headers.put(CloudEventHeaders.DLQ_OFFSET, String.valueOf(record.offset()));
        return new EncodedEvent(Topics.DEAD_LETTERS, record.key(), headers,
                record.value() == null ? new byte[0] : record.value());
    }
}
