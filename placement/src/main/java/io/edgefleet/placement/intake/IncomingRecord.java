package io.edgefleet.placement.intake;

import java.util.Map;

/** A Kafka record as read, before any interpretation: where it came from, key, headers, value. */
public record IncomingRecord(String topic, int partition, long offset, long timestamp, String key,
                             Map<String, String> headers,
                             byte[] value) {
}
