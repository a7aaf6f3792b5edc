package io.edgefleet.placement.fleettest;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes CloudEvents the way a load generator on a busy machine must: asynchronously,
 * idempotent with acks=all, with request and delivery timeouts long enough to ride out CPU
 * starvation and a broker restart (a short request timeout makes the idempotent producer give
 * up a batch mid-sequence, which ends in {@code OutOfOrderSequenceException}), and a close that
 * is bounded.
 */
public final class LoadProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong failed = new AtomicLong();
    private volatile Exception lastFailure;

    public LoadProducer(String bootstrap) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "enable.idempotence", true, "linger.ms", 5,
                "request.timeout.ms", 60_000, "delivery.timeout.ms", 300_000, "max.block.ms", 300_000,
                "retry.backoff.ms", 200, "reconnect.backoff.max.ms", 2_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code payload} as a new CloudEvent from {@code source}; returns the event. */
    public CloudEvent<EventPayload> send(String source, EventPayload payload) {
        CloudEvent<EventPayload> event = CloudEvent.of(source, payload);
        send(event);
        return event;
    }

    /** Publishes {@code event} (again, for a duplicate: same id and source). */
    public Future<RecordMetadata> send(CloudEvent<EventPayload> event) {
        EncodedEvent e = CloudEventCodec.encode(event);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return producer.send(r, (meta, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                lastFailure = error;
            }
        });
    }

    public void flush() {
        producer.flush();
    }

    /** Records the broker never acknowledged (should stay 0). */
    public long failed() {
        return failed.get();
    }

    public Exception lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
