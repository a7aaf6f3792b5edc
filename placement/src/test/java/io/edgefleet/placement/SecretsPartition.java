package io.edgefleet.placement;

import io.edgefleet.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads ONE partition of {@code fleet.cluster-secrets.v1} from the beginning, as a site's agent does: the
 * partition Kafka's default partitioner gives the site id among the plan topic's partitions.
 */
final class SecretsPartition implements AutoCloseable {
    /** A record as read: key, headers, value (null: a tombstone). */
    record Record(String key, Map<String, String> headers, byte[] value) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Record> seen = new ArrayList<>();

    SecretsPartition(String bootstrapServers, String siteId) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false),
                new StringDeserializer(), new ByteArrayDeserializer());
        int partitions = consumer.partitionsFor(Topics.SITE_PLANS).size();
        int partition = Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % partitions;
        TopicPartition tp = new TopicPartition(Topics.CLUSTER_SECRETS, partition);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
    }

    /** The first record (since this reader started) that matches, waiting up to {@code timeout}. */
    Record await(Predicate<Record> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                if (match.test(seen.get(checked))) {
                    return seen.get(checked);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record in this site's partition of " + Topics.CLUSTER_SECRETS
                        + " within " + timeout + " (" + seen.size() + " records read)");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new HashMap<>();
                r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                seen.add(new Record(r.key(), headers, r.value()));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
