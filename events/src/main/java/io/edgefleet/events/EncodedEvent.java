package io.edgefleet.events;

import java.util.Map;

/**
 * An event ready for Kafka: the producer copies these four things into its record as they are
 * (header values as UTF-8 bytes).
 *
 * @param topic   the topic
 * @param key     the record key (site id on site-bound topics), may be {@code null}
 * @param headers the CloudEvents binary-mode headers, in a stable order
 * @param value   the record value
 */
public record EncodedEvent(String topic, String key, Map<String, String> headers, byte[] value) {
}
