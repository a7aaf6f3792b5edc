package io.edgefleet.bench.fleetscale;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.Workers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The operators' side: a steady mix of requests over sites chosen uniformly at random, at a fixed
 * total rate whatever the fleet size. Per site the cluster count stays between {@code low} and
 * {@code high}: creates (1 or 3 control-plane microVMs, one microVM worker), worker scales,
 * deletes of READY clusters, and UPF network functions in READY clusters (deleted again before
 * their cluster). Host failures are injected by the caller through the {@link AgentFleet}.
 */
final class LoadGenerator {
    enum Kind { CREATE, SCALE, DELETE, NF_CREATE, NF_DELETE }

    private static final String SOURCE = "/ops/fleet-scale";

    private static final class Cluster {
        final String id;
        final String siteId;
        final String team;
        volatile boolean ready;
        volatile boolean gone;
        volatile String nfId;
        int workers = 1;

        Cluster(String id, String siteId, String team) {
            this.id = id;
            this.siteId = siteId;
            this.team = team;
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final StatusWatcher watcher;
    private final List<String> sites;
    private final Map<String, List<Cluster>> bySite = new ConcurrentHashMap<>();
    private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();
    private final Map<String, Cluster> nfs = new ConcurrentHashMap<>();
    private final Random random;
    private final int low;
    private final int high;
    private final Map<Kind, AtomicLong> sent = new EnumMap<>(Kind.class);
    private long seq;
    volatile boolean measuring;

    LoadGenerator(String bootstrap, StatusWatcher watcher, List<String> sites, int low, int high, long seed) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "client.id", "fleet-scale-ops",
                "acks", "all", "enable.idempotence", true, "linger.ms", 5), new StringSerializer(), new ByteArraySerializer());
        this.watcher = watcher;
        this.sites = List.copyOf(sites);
        this.low = low;
        this.high = high;
        this.random = new Random(seed);
        sites.forEach(s -> bySite.put(s, new ArrayList<>()));
        for (Kind k : Kind.values()) {
            sent.put(k, new AtomicLong());
        }
    }

    /** What placement announced about a cluster or network function (called from the watcher's thread). */
    void status(String subjectId, String status) {
        Cluster c = clusters.get(subjectId);
        if (c != null) {
            switch (status) {
                case "READY" -> c.ready = true;
                case "REJECTED", "FAILED", "DELETED" -> c.gone = true;
                default -> {
                }
            }
            return;
        }
        Cluster owner = nfs.get(subjectId);
        if (owner != null && "REJECTED".equals(status)) {
            nfs.remove(subjectId);
            owner.nfId = null;
        }
    }

    long sent(Kind k) {
        return sent.get(k).get();
    }

    /** Brings every site to {@code perSite} clusters, at most {@code rate} requests per second. */
    void prefill(int perSite, double rate) throws InterruptedException {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < perSite; i++) {
            order.addAll(sites);
        }
        pace(order.size(), rate, Duration.ofHours(1), i -> create(order.get(i)));
    }

    /** Sends the mix at {@code rate} requests per second for {@code duration}. */
    void run(double rate, Duration duration) throws InterruptedException {
        pace(Long.MAX_VALUE, rate, duration, i -> next(sites.get(random.nextInt(sites.size()))));
    }

    private interface Send {
        void send(int index);
    }

    private void pace(long count, double rate, Duration duration, Send send) throws InterruptedException {
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        long done = 0;
        while (done < count && System.nanoTime() < end) {
            long due = Math.min(count, (long) ((System.nanoTime() - t0) / 1e9 * rate) + 1);
            while (done < due) {
                send.send((int) done++);
            }
            Thread.sleep(2);
        }
        producer.flush();
    }

    private void next(String siteId) {
        List<Cluster> list = bySite.get(siteId);
        list.removeIf(c -> c.gone);
        List<Cluster> ready = list.stream().filter(c -> c.ready && !c.gone).toList();
        double r = random.nextDouble();
        // The bounds hold whatever placement's latency: the site's state stays the same size for every fleet size.
        if (list.size() < low) {
            create(siteId);
        } else if (list.size() >= high || r < 0.25) {
            delete(siteId, list, ready);
        } else if (r < 0.55) {
            create(siteId);
        } else if (r < 0.80 || ready.isEmpty()) {
            scaleOrElse(siteId, ready);
        } else if (r < 0.90) {
            nfCreateOrElse(siteId, ready);
        } else {
            nfDeleteOrElse(siteId, ready);
        }
    }

    private void create(String siteId) {
        String id = "c" + Long.toString(++seq, 36) + "-" + siteId.substring(siteId.lastIndexOf('-') + 1);
        String team = "team-" + random.nextInt(8);
        Cluster c = new Cluster(id, siteId, team);
        clusters.put(id, c);
        bySite.get(siteId).add(c);
        int cp = random.nextDouble() < 0.6 ? 1 : 3;
        send(Kind.CREATE, new ClusterRequested(id, team, siteId, "1.31", new ControlPlane(cp, 2, 4096, 20),
                Workers.microVm(1, 4, 8192, 40), null, Map.of()), id);
    }

    /** Deletes a READY cluster without a network function, else any such cluster, else deletes a network function. */
    private void delete(String siteId, List<Cluster> all, List<Cluster> ready) {
        List<Cluster> free = ready.stream().filter(c -> c.nfId == null).toList();
        if (free.isEmpty()) {
            free = all.stream().filter(c -> c.nfId == null).toList();
        }
        if (free.isEmpty()) {
            nfDeleteOrElse(siteId, all);
            return;
        }
        Cluster c = free.get(random.nextInt(free.size()));
        c.gone = true;
        bySite.get(siteId).remove(c);
        clusters.remove(c.id);
        watcher.forget(c.id);
        send(Kind.DELETE, new ClusterDeleteRequested(c.id, c.team, siteId, "done"), null);
    }

    private void scaleOrElse(String siteId, List<Cluster> ready) {
        if (ready.isEmpty()) {
            create(siteId);
            return;
        }
        Cluster c = ready.get(random.nextInt(ready.size()));
        c.workers = 1 + (c.workers + random.nextInt(2)) % 3; // 1..3, never the current count
        send(Kind.SCALE, new ClusterScaleRequested(c.id, c.team, siteId, c.workers), null);
    }

    private void nfCreateOrElse(String siteId, List<Cluster> ready) {
        List<Cluster> without = ready.stream().filter(c -> c.nfId == null).toList();
        if (without.isEmpty()) {
            scaleOrElse(siteId, ready);
            return;
        }
        Cluster c = without.get(random.nextInt(without.size()));
        String nfId = "upf" + Long.toString(++seq, 36);
        c.nfId = nfId;
        nfs.put(nfId, c);
        send(Kind.NF_CREATE, new NetworkFunctionRequested(nfId, c.team, siteId, c.id, NetworkFunctionKind.UPF, 1, 4, 4,
                8192, Map.of("physnet-a", 2)), null);
    }

    private void nfDeleteOrElse(String siteId, List<Cluster> ready) {
        List<Cluster> with = ready.stream().filter(c -> c.nfId != null).toList();
        if (with.isEmpty()) {
            nfCreateOrElse(siteId, ready);
            return;
        }
        Cluster c = with.get(random.nextInt(with.size()));
        String nfId = c.nfId;
        c.nfId = null;
        nfs.remove(nfId);
        send(Kind.NF_DELETE, new NetworkFunctionDeleteRequested(nfId, c.team, siteId, c.id, "done"), null);
    }

    private void send(Kind kind, EventPayload payload, String createdClusterId) {
        CloudEvent<EventPayload> event = CloudEvent.of(SOURCE, payload);
        EncodedEvent e = CloudEventCodec.encode(event);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        watcher.sent(event.requestId(), createdClusterId, System.currentTimeMillis(), measuring);
        if (measuring) {
            sent.get(kind).incrementAndGet();
        }
        producer.send(r);
    }

    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
