package io.edgefleet.agent.plan;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What the agent's followers of compacted, site-partitioned topics (plans, cluster secrets) share: assign
 * exactly the site's partition and read it from the beginning, without a consumer group; hand a record's
 * headers to the CloudEvent codec; wait before retrying after a broker error.
 */
public final class SitePartitionReading {
    private SitePartitionReading() {
    }

    /** Assigns the partition {@code siteId} hashes to on {@code topic} and seeks to its beginning. */
    public static TopicPartition assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic, String siteId) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist yet");
        }
        TopicPartition mine = new TopicPartition(topic, SitePartition.of(siteId, infos.size()));
        consumer.assign(List.of(mine));
        consumer.seekToBeginning(List.of(mine));
        return mine;
    }

    /** The record's headers as the CloudEvent codec reads them (UTF-8; a header without value is empty). */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Waits before the next attempt; an interrupt ends the wait and is kept for the caller's loop. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
