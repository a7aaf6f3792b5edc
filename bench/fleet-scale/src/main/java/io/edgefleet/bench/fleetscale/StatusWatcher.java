package io.edgefleet.bench.fleetscale;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what placement publishes: every request's outcome (fleet.request-outcomes.v1) and cluster
 * statuses (fleet.cluster-status.v1). Measures request -> outcome for every request and
 * request -> READY for every cluster create, from the request's send time to the broker timestamp
 * of the event (both clocks are this machine's).
 */
final class StatusWatcher implements AutoCloseable {
    private static final String ACCEPTED = "io.edgefleet.request.accepted.v1";
    private static final String REJECTED = "io.edgefleet.request.rejected.v1";
    private static final String CLUSTER_STATUS = "io.edgefleet.cluster.status-changed.v1";

    /** A request sent: when, and whether it counts for the measured window. */
    record Sent(long atMillis, boolean measured) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Sent> awaitingOutcome = new ConcurrentHashMap<>();
    private final Map<String, Sent> awaitingReady = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> onStatus;
    final AtomicLong outcomes = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final Map<String, AtomicLong> rejectedBy = new ConcurrentHashMap<>();
    final AtomicLong readyCount = new AtomicLong();
    final AtomicLong failedClusters = new AtomicLong();
    volatile Stats toOutcome = new Stats();
    volatile Stats toReady = new Stats();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::run, "status-watcher");

    /** {@code onStatus(clusterId, status)} is called for every cluster status read. */
    StatusWatcher(String bootstrap, BiConsumer<String, String> onStatus) {
        this.onStatus = onStatus;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "client.id", "fleet-scale-watcher",
                "enable.auto.commit", false, "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        thread.setDaemon(true);
    }

    void start() {
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : List.of(Topics.REQUEST_OUTCOMES, Topics.CLUSTER_STATUS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        thread.start();
    }

    void sent(String requestId, String createdClusterId, long atMillis, boolean measured) {
        Sent s = new Sent(atMillis, measured);
        awaitingOutcome.put(requestId, s);
        if (createdClusterId != null) {
            awaitingReady.put(createdClusterId, s);
        }
    }

    /** New latency samples from now on (the measured window). */
    void resetStats() {
        toOutcome = new Stats();
        toReady = new Stats();
    }

    int awaitingOutcome() {
        return awaitingOutcome.size();
    }

    long awaitingMeasuredReady() {
        return awaitingReady.values().stream().filter(Sent::measured).count();
    }

    /** A cluster that will never be READY (deleted before, or rejected): stop waiting for it. */
    void forget(String clusterId) {
        awaitingReady.remove(clusterId);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handle(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            System.err.println("status watcher failed: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        Header typeHeader = r.headers().lastHeader("ce_type");
        if (typeHeader == null) {
            return;
        }
        String type = new String(typeHeader.value(), StandardCharsets.UTF_8);
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(r.value());
        } catch (java.io.IOException e) {
            return;
        }
        switch (type) {
            case ACCEPTED, REJECTED -> {
                outcomes.incrementAndGet();
                if (ACCEPTED.equals(type)) {
                    accepted.incrementAndGet();
                } else {
                    rejected.incrementAndGet();
                    rejectedBy.computeIfAbsent(data.path("code").asText(), k -> new AtomicLong()).incrementAndGet();
                    forget(data.path("subjectId").asText());
                    onStatus.accept(data.path("subjectId").asText(), "REJECTED");
                }
                Sent s = awaitingOutcome.remove(data.path("requestId").asText());
                if (s != null && s.measured()) {
                    toOutcome.add(r.timestamp() - s.atMillis());
                }
            }
            case CLUSTER_STATUS -> {
                String clusterId = data.path("clusterId").asText();
                String status = data.path("status").asText();
                if ("READY".equals(status)) {
                    readyCount.incrementAndGet();
                    Sent s = awaitingReady.remove(clusterId);
                    if (s != null && s.measured()) {
                        toReady.add(r.timestamp() - s.atMillis());
                    }
                } else if ("FAILED".equals(status)) {
                    failedClusters.incrementAndGet();
                    awaitingReady.remove(clusterId);
                }
                onStatus.accept(clusterId, status);
            }
            default -> {
                // network-function statuses: not measured
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
