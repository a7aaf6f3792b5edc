package io.edgefleet.localstack.testing;

import io.edgefleet.events.EncodedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test needs from the real broker: publish an event exactly as any producer would, and
 * wait for a record on a topic that matches a condition.
 */
public final class TestKafka implements AutoCloseable {
    /** A record as read back: key, headers (UTF-8), value. */
    public record Received(String topic, String key, Map<String, String> headers, byte[] value) {
        public String valueAsString() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Object> client;
    private final KafkaProducer<String, byte[]> producer;

    public TestKafka(String bootstrapServers) {
        this(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** A client with the given connection settings (e.g. {@code KafkaAccess.client(user)} of a SASL_SSL stack). */
    public TestKafka(Map<String, Object> client) {
        this.client = Map.copyOf(client);
        Map<String, Object> config = new HashMap<>(client);
        config.put("acks", "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(EncodedEvent event) {
        send(event.topic(), event.key(), event.headers(), event.value());
    }

    public void send(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e);
        }
    }

    /** Every record of the topic (from the beginning) that matches, waiting up to {@code timeout} for the first. */
    public Optional<Received> await(String topic, Predicate<Received> match, Duration timeout) {
        List<Received> found = collect(topic, match, 1, timeout);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Reads the topic from the beginning for {@code window} and returns every matching record. */
    public List<Received> all(String topic, Predicate<Received> match, Duration window) {
        return collect(topic, match, Integer.MAX_VALUE, window);
    }

    private List<Received> collect(String topic, Predicate<Received> match, int enough, Duration timeout) {
        List<Received> found = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(client);
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("enable.auto.commit", false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < enough) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    Received received = new Received(r.topic(), r.key(), headers, r.value());
                    if (match.test(received)) {
                        found.add(received);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
