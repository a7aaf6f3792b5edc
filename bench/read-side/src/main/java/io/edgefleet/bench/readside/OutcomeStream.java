package io.edgefleet.bench.readside;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Outcomes as placement publishes them, as fast as the broker takes them: every tenth a rejection, the rest
 * acceptances, each of its own request (ids {@code /fleet-api#b<n>}), spread over 64 sites so every partition gets
 * some. Encoded by the contract's codec, so fleet-api reads each as a real outcome. Small on purpose: short ids,
 * one-line messages.
 */
final class OutcomeStream implements AutoCloseable {
    static final int SITES = 64;

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    OutcomeStream(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "1",
                "linger.ms", 20, "batch.size", 256 * 1024, "compression.type", "lz4",
                "buffer.memory", 64L * 1024 * 1024, "client.id", "read-side-bench"),
                new StringSerializer(), new ByteArraySerializer());
    }

    static String requestId(long n) {
        return "/fleet-api#b" + Long.toString(n, 36);
    }

    /** Sends outcomes {@code from} (inclusive) to {@code to} (exclusive) and waits until the broker has them all. */
    void send(long from, long to) {
        for (long n = from; n < to; n++) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String site = "s" + (n % SITES);
            EventPayload outcome = n % 10 == 9
                    ? new RequestRejected(requestId(n), site, RequestKind.CLUSTER_CREATE, "c" + (n % 1000),
                    "INSUFFICIENT_CAPACITY", "no host fits", List.of(), now)
                    : new RequestAccepted(requestId(n), site, RequestKind.CLUSTER_CREATE, "c" + (n % 1000), now);
            EncodedEvent e = CloudEventCodec.encode(CloudEvent.of("/placement", Long.toString(n, 36), now, outcome));
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(), e.key(), e.value());
            e.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record, (meta, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            if (failure.get() != null) {
                throw new IllegalStateException("the broker refused an outcome: " + failure.get(), failure.get());
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused an outcome: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
