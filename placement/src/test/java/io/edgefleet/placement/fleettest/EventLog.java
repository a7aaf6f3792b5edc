package io.edgefleet.placement.fleettest;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.SitePlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything placement published that the invariants are judged on, read from the beginning of
 * the topics by a thread of its own: every outcome event (by request id: the distinct CloudEvent
 * ids seen, and the first outcome) and the latest plan of each site.
 */
public final class EventLog implements AutoCloseable {
    /** The first outcome seen for a request: its CloudEvent type and data. */
    public record Outcome(String eventId, String type, JsonNode data) {
        public boolean accepted() {
            return io.edgefleet.events.EventType.REQUEST_ACCEPTED.ceType().equals(type);
        }
    }

    private final String bootstrap;
    private final Map<String, Set<String>> outcomeIds = new ConcurrentHashMap<>();
    private final Map<String, Outcome> firstOutcome = new ConcurrentHashMap<>();
    private final Map<String, SitePlan> latestPlans = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Exception failure;
    private final Thread thread;

    public EventLog(String bootstrap) {
        this.bootstrap = bootstrap;
        this.thread = new Thread(this::run, "event-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "event-log-" + System.nanoTime(), "enable.auto.commit", false,
                "max.partition.fetch.bytes", 8_388_608, "request.timeout.ms", 20_000,
                "default.api.timeout.ms", 60_000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(Topics.REQUEST_OUTCOMES, Topics.SITE_PLANS)) {
                consumer.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(Topics.REQUEST_OUTCOMES)) {
                            outcome(r);
                        } else {
                            plan(r);
                        }
                    }
                } catch (org.apache.kafka.common.errors.RetriableException e) {
                    // The broker is restarting (chaos runs): poll again.
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private void outcome(ConsumerRecord<String, byte[]> r) throws java.io.IOException {
        JsonNode data = EventJson.mapper().readTree(r.value());
        String requestId = data.path("requestId").asText();
        String eventId = header(r, CloudEventHeaders.ID);
        outcomeIds.computeIfAbsent(requestId, k -> ConcurrentHashMap.newKeySet()).add(eventId);
        firstOutcome.putIfAbsent(requestId, new Outcome(eventId, header(r, CloudEventHeaders.TYPE), data));
    }

    private void plan(ConsumerRecord<String, byte[]> r) throws java.io.IOException {
        if (r.value() == null) {
            return;
        }
        SitePlan plan = EventJson.mapper().readValue(r.value(), SitePlan.class);
        latestPlans.merge(plan.siteId(), plan, (a, b) -> b.version() > a.version() ? b : a);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Distinct outcome event ids per request id. */
    public Map<String, Set<String>> outcomeIds() {
        return outcomeIds;
    }

    public Outcome outcome(String requestId) {
        return firstOutcome.get(requestId);
    }

    public Map<String, SitePlan> latestPlans() {
        return latestPlans;
    }

    /** How many of {@code requestIds} have no outcome yet. */
    public long missing(Collection<String> requestIds) {
        return requestIds.stream().filter(id -> !outcomeIds.containsKey(id)).count();
    }

    /** Waits until every request has an outcome; false if {@code timeout} passed first. */
    public boolean awaitOutcomes(Collection<String> requestIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (missing(requestIds) > 0) {
            if (System.nanoTime() > deadline || failure != null) {
                return false;
            }
            PlacementReplica.sleep(200);
        }
        return true;
    }

    /** Waits until the latest plan read for each site has the version PostgreSQL says was written. */
    public boolean awaitPlans(Map<String, Long> versions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean caughtUp = versions.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (latestPlans.containsKey(e.getKey()) && latestPlans.get(e.getKey()).version() >= e.getValue()));
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() > deadline || failure != null) {
                return false;
            }
            PlacementReplica.sleep(200);
        }
    }

    public Exception failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
