package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.api.Eventually;
import io.edgefleet.servicekit.KafkaClientConfig;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.KafkaBroker;
import io.edgefleet.localstack.KafkaTopics;
import io.edgefleet.localstack.StackProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a start reads of the outcome topic: only the window, found by timestamp and bounded by max-entries per
 * partition; readiness is DOWN while the feed cannot even be assigned. An outcome the feed read and dropped would be
 * remembered as aged out (410); one it never read stays unknown, which is what these tests tell apart.
 */
class ViewFeedStartTest {
    private static StackProcess broker;
    private static String bootstrapServers;

    /**
     * A broker of its own, with the fleet's topics empty: timestamps are ordered in each partition only if no other
     * test published a recent outcome before this test's old one ({@code offsetsForTimes} finds the first record at
     * or after a time, and a start reads everything after it).
     */
    @BeforeAll
    static void startBroker() throws Exception {
        Path dir = Path.of("target", "start-test-kafka-" + ProcessHandle.current().pid());
        KafkaBroker kafka = new KafkaBroker(dir, FreePorts.pick(), FreePorts.pick());
        broker = kafka.start(false);
        bootstrapServers = kafka.bootstrapServers();
        KafkaTopics.create(bootstrapServers, KafkaTopics.FLEET);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop(Duration.ofSeconds(20));
        }
    }

    private static String bootstrap() {
        return bootstrapServers;
    }

    private static ViewFeed feed(FleetView view, String bootstrapServers) {
        ViewFeed feed = new ViewFeed();
        feed.view = view;
        feed.secrets = new ClusterSecretsView();
        feed.kafkaClients = new KafkaClientConfig(Map.of("bootstrap.servers", bootstrapServers));
        feed.reportLookback = Duration.ofSeconds(90);
        feed.metrics = new ViewMetrics();
        feed.metrics.registry = new SimpleMeterRegistry();
        feed.metrics.view = view;
        feed.metrics.register();
        return feed;
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String requestId, String key, long timestamp)
            throws Exception {
        EncodedEvent e = CloudEventCodec.encode(CloudEvent.of("/placement",
                new RequestAccepted(requestId, key, RequestKind.CLUSTER_CREATE, "c", Instant.ofEpochMilli(timestamp))));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(), null, timestamp, key, e.value());
        e.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(), "acks", "all"), new StringSerializer(),
                new ByteArraySerializer());
    }

    @Test
    void aStartSeeksPastOutcomesOlderThanTheWindow() throws Exception {
        String key = "site-" + UUID.randomUUID();
        String old = "/placement#old-" + key;
        String recent = "/placement#recent-" + key;
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            publish(producer, old, key, now - Duration.ofHours(2).toMillis());
            publish(producer, recent, key, now);
        }
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofHours(1), 100_000), Clock.systemUTC());
        ViewFeed feed = feed(view, bootstrap());
        feed.start(null);
        try {
            Eventually.await("the feed caught up", () -> feed.catchUp() != null && feed.catchUp().done(), d -> d);
            assertTrue(view.outcome(recent).isPresent());
            assertTrue(view.outcome(old).isEmpty(), "never read: the start sought past it");
            assertEquals(HealthCheckResponse.Status.UP, ViewReadiness.of(feed.catchUp(), feed.lastError()).getStatus());
        } finally {
            feed.stop(null);
        }
    }

    @Test
    void aStartReadsNoMoreThanMaxEntriesBackFromEachPartitionsEnd() throws Exception {
        String key = "site-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                publish(producer, "/placement#" + key + "-" + i, key, now);
            }
        }
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofHours(1), 10), Clock.systemUTC());
        ViewFeed feed = feed(view, bootstrap());
        feed.start(null);
        try {
            Eventually.await("the feed caught up", () -> feed.catchUp() != null && feed.catchUp().done(), d -> d);
            assertTrue(view.outcome("/placement#" + key + "-29").isPresent());
            assertTrue(view.outcome("/placement#" + key + "-0").isEmpty(), "never read");
            assertTrue(view.outcome("/placement#" + key + "-19").isEmpty(), "never read");
        } finally {
            feed.stop(null);
        }
    }

    @Test
    void notReadyWhileTheBrokerCannotBeReached() throws Exception {
        ViewFeed feed = feed(new FleetView(), "localhost:1");
        feed.start(null);
        try {
            Thread.sleep(1000);
            HealthCheckResponse down = ViewReadiness.of(feed.catchUp(), feed.lastError());
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertFalse(down.getData().orElseThrow().get("reason").toString().isEmpty());
        } finally {
            feed.stop(null);
        }
    }
}
