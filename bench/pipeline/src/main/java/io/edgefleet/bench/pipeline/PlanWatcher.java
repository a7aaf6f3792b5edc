package io.edgefleet.bench.pipeline;

import io.edgefleet.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows fleet.site-plans.v1 and measures, per request, from its send time to the timestamp of
 * the first plan of its site that reflects it: a created cluster present, a deleted one gone.
 */
final class PlanWatcher implements Runnable {
    private final String bootstrap;
    private final Map<String, Long> pendingCreate = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> pendingDelete = new ConcurrentHashMap<>();
    private final Set<String> seenCreated = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> latestVersion = new ConcurrentHashMap<>();
    volatile Stats stats = new Stats();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this, "plan-watcher");

    PlanWatcher(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    void created(String clusterId, long sentAt) {
        pendingCreate.put(clusterId, sentAt);
    }

    void deleted(String siteId, String clusterId, long sentAt) {
        pendingDelete.computeIfAbsent(siteId, k -> new ConcurrentHashMap<>()).put(clusterId, sentAt);
    }

    int pending() {
        return pendingCreate.size() + pendingDelete.values().stream().mapToInt(Map::size).sum();
    }

    /** The highest plan version read for each site. */
    Map<String, Long> latestVersions() {
        return latestVersion;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "plan-watcher-" + System.nanoTime(), "enable.auto.commit", false,
                "max.partition.fetch.bytes", 8_388_608), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(Topics.SITE_PLANS).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    PlanSummary plan = PlanSummary.read(r.value());
                    latestVersion.merge(r.key(), plan.version(), Math::max);
                    Set<String> clusters = plan.clusterIds();
                    for (String c : clusters) {
                        Long sent = pendingCreate.remove(c);
                        if (sent != null) {
                            stats.add(sent, r.timestamp() - sent);
                            seenCreated.add(c);
                        }
                    }
                    Map<String, Long> deletes = pendingDelete.get(r.key());
                    if (deletes != null) {
                        for (Map.Entry<String, Long> d : deletes.entrySet()) {
                            if (seenCreated.contains(d.getKey()) && !clusters.contains(d.getKey())
                                    && r.timestamp() >= d.getValue()) {
                                stats.add(d.getValue(), r.timestamp() - d.getValue());
                                deletes.remove(d.getKey());
                                seenCreated.remove(d.getKey());
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("plan watcher failed: " + e);
        }
    }
}
