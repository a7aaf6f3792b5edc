package io.edgefleet.placement.kafka;

import io.edgefleet.servicekit.KafkaClientConfig;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The settings of every producer placement writes with (the outbox relay, the cluster secrets issuer): a
 * record counts as sent only once every in-sync replica has it ({@code acks=all}), and a retried send is never
 * written twice (idempotence), so a caller may commit its own state after the acknowledgement.
 */
public final class AcknowledgedProducer {
    private AcknowledgedProducer() {
    }

    /** A producer of string keys and byte values: placement's connection settings and its producer settings. */
    public static KafkaProducer<String, byte[]> create(KafkaClientConfig clients) {
        return new KafkaProducer<>(clients.with(Map.of(
                "acks", "all",
                "enable.idempotence", true,
                "linger.ms", 5,
                "compression.type", "lz4",
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")));
    }
}
