package io.edgefleet.bench.fleetscale;

import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.SiteKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * N simulated site agents in this JVM. They share what a process can share: one Kafka producer for
 * their (individually signed) reports, a few reconcile threads, a timer, and one reader of the plan
 * topic that hands each record to the agent whose site it names (the other agents of that
 * partition would skip it by key, as the real agent does). Each agent keeps its own plan position,
 * newest plan version, microVMs and key. Heartbeats every {@code heartbeat} (the agent's default
 * is 5 s; full or light by the agent's own rule, ADR 0013), drift reconcile every 10 s, both spread
 * over the interval.
 */
final class AgentFleet implements AutoCloseable {
    private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(10);
    private static final long RECHECK_MILLIS = 150;

    private final String bootstrap;
    private final Duration heartbeat;
    private final Map<String, SimAgent> agents = new LinkedHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService reconcilers;
    private final ScheduledExecutorService timer;
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong reconciles = new AtomicLong();
    private final AtomicLong planRecords = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile boolean running = true;
    private Thread planReader;
    private KafkaConsumer<String, byte[]> planConsumer;

    AgentFleet(String bootstrap, int sites, int planPartitions, Duration heartbeat, int heartbeatFullEvery,
               int reconcileThreads) {
        this.bootstrap = bootstrap;
        this.heartbeat = heartbeat;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "client.id", "fleet-scale-agents",
                "acks", "all", "enable.idempotence", true, "linger.ms", 5, "delivery.timeout.ms", 120_000),
                new StringSerializer(), new ByteArraySerializer());
        for (int i = 1; i <= sites; i++) {
            String siteId = SiteHosts.siteId(i);
            int partition = Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % planPartitions;
            agents.put(siteId, new SimAgent(siteId, partition, heartbeatFullEvery, this::send));
        }
        this.reconcilers = Executors.newFixedThreadPool(reconcileThreads, daemon("reconcile"));
        this.timer = Executors.newScheduledThreadPool(1, daemon("agent-timer"));
    }

    List<SimAgent> agents() {
        return new ArrayList<>(agents.values());
    }

    SimAgent agent(String siteId) {
        return agents.get(siteId);
    }

    /** Writes each site's public key (what an operator enrolls) as {@code <siteId>.pub} in {@code dir}. */
    void writePublicKeys(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (SimAgent a : agents.values()) {
            Files.writeString(dir.resolve(a.siteId + ".pub"), SiteKeys.publicKeyPem(a.keys.getPublic()));
        }
    }

    /**
     * Enrolls every site's public key with placement, as an operator does (ADR 0010: a
     * {@code SiteEnrollRequested} on the request topic), so that placement accepts the signed reports.
     */
    void enroll() {
        for (SimAgent a : agents.values()) {
            send(io.edgefleet.events.CloudEventCodec.encode(io.edgefleet.events.CloudEvent.of("/ops/fleet-scale",
                    new io.edgefleet.events.request.SiteEnrollRequested(a.siteId,
                            SiteKeys.publicKeyPem(a.keys.getPublic()), "bench-fleet-scale"))));
        }
        producer.flush();
    }

    /** First heartbeat of every agent now, then every {@code heartbeat}; plans followed from the start of the topic. */
    void start() {
        long every = heartbeat.toMillis();
        for (SimAgent a : agents.values()) {
            a.report(a.heartbeat(heartbeat));
            long offset = ThreadLocalRandom.current().nextLong(every);
            timer.scheduleAtFixedRate(() -> a.report(a.heartbeat(heartbeat)), offset, every, TimeUnit.MILLISECONDS);
            long drift = DRIFT_INTERVAL.toMillis();
            timer.scheduleAtFixedRate(() -> trigger(a), ThreadLocalRandom.current().nextLong(drift), drift,
                    TimeUnit.MILLISECONDS);
        }
        planConsumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "client.id", "fleet-scale-plans",
                "enable.auto.commit", false, "auto.offset.reset", "earliest", "max.partition.fetch.bytes", 8_388_608),
                new StringDeserializer(), new ByteArrayDeserializer());
        planReader = new Thread(this::readPlans, "plan-reader");
        planReader.setDaemon(true);
        planReader.start();
    }

    private void readPlans() {
        List<TopicPartition> parts = new ArrayList<>();
        planConsumer.partitionsFor(Topics.SITE_PLANS, Duration.ofSeconds(30))
                .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        planConsumer.assign(parts);
        planConsumer.seekToBeginning(parts);
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : planConsumer.poll(Duration.ofMillis(200))) {
                    planRecords.incrementAndGet();
                    SimAgent a = agents.get(r.key());
                    if (a == null) {
                        continue;
                    }
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    if (a.read(r.offset(), headers, r.value())) {
                        trigger(a);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            System.err.println("plan reader failed: " + e);
        } finally {
            planConsumer.close(Duration.ofSeconds(2));
        }
    }

    private void trigger(SimAgent a) {
        if (running && a.want()) {
            reconcilers.execute(() -> run(a));
        }
    }

    private void run(SimAgent a) {
        try {
            reconciles.incrementAndGet();
            if (a.reconcile() && running) {
                timer.schedule(() -> trigger(a), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            System.err.println("reconcile of " + a.siteId + " failed: " + e);
        }
    }

    private void send(EncodedEvent e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        reports.incrementAndGet();
        producer.send(r, (m, err) -> {
            if (err != null) {
                sendErrors.incrementAndGet();
            }
        });
    }

    /** A random site loses a random host (DOWN) for {@code downFor}, then it is repaired (READY). */
    void failRandomHost(Random random, Duration downFor) {
        List<SimAgent> all = agents();
        SimAgent a = all.get(random.nextInt(all.size()));
        if (a.hasDownHost()) {
            return;
        }
        String host = a.someHost(random);
        a.hostState(host, true);
        timer.schedule(() -> a.hostState(host, false), downFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    long reports() {
        return reports.get();
    }

    long reconciles() {
        return reconciles.get();
    }

    long planRecords() {
        return planRecords.get();
    }

    long sendErrors() {
        return sendErrors.get();
    }

    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
        reconcilers.shutdownNow();
        if (planConsumer != null) {
            planConsumer.wakeup();
        }
        if (planReader != null) {
            try {
                planReader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
