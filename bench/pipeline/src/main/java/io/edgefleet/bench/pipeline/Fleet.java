package io.edgefleet.bench.pipeline;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.Workers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The load generator's fleet: sites that heartbeat, and the cluster requests sent to them. */
final class Fleet {
    static final int HOSTS_PER_SITE = 6;

    private Fleet() {
    }

    static String site(int i) {
        return "site-" + i;
    }

    /**
     * The load generator's producer. Its request timeout is long: on a CPU-starved machine a 10 s
     * timeout expired in-flight batches of the idempotent producer, whose retries then failed with
     * OutOfOrderSequenceException and left the close hanging. Close it with {@link #close}.
     */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true,
                "linger.ms", 5, "request.timeout.ms", 60_000, "delivery.timeout.ms", 300_000,
                "max.block.ms", 300_000, "retry.backoff.ms", 200), new StringSerializer(), new ByteArraySerializer());
    }

    /** Records the broker never acknowledged (the benchmark reports them; they should stay 0). */
    static final java.util.concurrent.atomic.AtomicLong UNACKNOWLEDGED = new java.util.concurrent.atomic.AtomicLong();

    /** Sends asynchronously, counting what the broker never acknowledged. */
    static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        producer.send(record, (meta, error) -> {
            if (error != null && UNACKNOWLEDGED.getAndIncrement() == 0) {
                System.err.println("first unacknowledged record: " + error);
            }
        });
    }

    /** A bounded close: what is not acknowledged within 30 s is reported, not waited for. */
    static void close(KafkaProducer<String, byte[]> producer) {
        producer.close(java.time.Duration.ofSeconds(30));
    }

    static ProducerRecord<String, byte[]> record(EventPayload payload) {
        return record(CloudEventCodec.encode(CloudEvent.of("/bench", payload)));
    }

    static ProducerRecord<String, byte[]> record(EncodedEvent e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** Heartbeats for every site (one-hour interval: the bench never waits long enough to lose a host). */
    static void heartbeats(KafkaProducer<String, byte[]> producer, int sites) throws Exception {
        List<Future<?>> acks = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            List<HostInventory> hosts = new ArrayList<>();
            for (int h = 1; h <= HOSTS_PER_SITE; h++) {
                hosts.add(new HostInventory("h" + h, "rack-" + (h % 3 + 1), HostState.READY, List.of("microvm"),
                        List.of(new NumaInventory(0, 32, 262_144, 0, Map.of()),
                                new NumaInventory(1, 32, 262_144, 0, Map.of())),
                        2, 8192, 4.0, 4000L));
            }
            acks.add(producer.send(record(new AgentHeartbeat(site(s), "bench", Instant.now(), 3600, hosts))));
        }
        for (Future<?> f : acks) {
            f.get();
        }
    }

    static void awaitSites(BenchStack stack, int sites) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = stack.db(); ResultSet rs = c.createStatement().executeQuery("select count(*) from site")) {
                rs.next();
                if (rs.getInt(1) >= sites) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // schema not migrated yet
            }
            BenchStack.sleep(200);
        }
        throw new IllegalStateException("placement did not learn all " + sites + " sites");
    }

    /** A small cluster (one control-plane microVM, no workers): what a CI job asks for. */
    static ClusterRequested create(String clusterId, String siteId) {
        return new ClusterRequested(clusterId, "team-" + (Math.abs(clusterId.hashCode()) % 8), siteId, "1.31",
                new ControlPlane(1, 1, 1024, 10), Workers.bareMetal(0), null, Map.of());
    }

    static ClusterDeleteRequested delete(ClusterRequested created) {
        return new ClusterDeleteRequested(created.clusterId(), created.team(), created.siteId(), "bench");
    }
}
