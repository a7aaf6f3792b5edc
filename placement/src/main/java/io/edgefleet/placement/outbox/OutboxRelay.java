package io.edgefleet.placement.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.placement.kafka.AcknowledgedProducer;
import io.edgefleet.servicekit.KafkaClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and deletes them once the broker acknowledged them.
 *
 * <p>Two ways in. A transaction that wrote outbox rows hands them over once it committed
 * ({@link #handOver}): they are published from memory, in commit order, and the relay reads back
 * only their ids (the delete that claims them). Rows nobody handed over (their replica crashed
 * after the commit, the broker was down, the queue was full) are read from the table once they are
 * {@code edgefleet.outbox.orphan-after} old, in id order, and published the same way.
 *
 * <p>Either way a row is claimed with a row lock first ({@code DELETE ... RETURNING} for handed
 * rows, {@code FOR UPDATE SKIP LOCKED} for orphans), so several replicas, and the two ways of one
 * relay, never publish a row twice in the normal case. A crash after the broker acknowledged but
 * before the delete committed publishes those rows again: consumers drop them by their
 * {@code ce_id}, which the row fixed when it was written.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    DataSource dataSource;

    @Inject
    io.edgefleet.placement.metrics.PlacementMetrics metrics;

    @Inject
    KafkaClientConfig kafkaClients;

    @ConfigProperty(name = "edgefleet.outbox.poll-interval", defaultValue = "50ms")
    Duration pollInterval;

    @ConfigProperty(name = "edgefleet.outbox.batch-size", defaultValue = "1000")
    int batchSize;

    /**
     * Rows older than this that nobody handed over are read from the table and published; the
     * table is looked at this often (or every poll-interval, if longer).
     */
    @ConfigProperty(name = "edgefleet.outbox.orphan-after", defaultValue = "1s")
    Duration orphanAfter;

    /** The relay vacuums the outbox after deleting this many rows (0: leave it to autovacuum). */
    @ConfigProperty(name = "edgefleet.outbox.vacuum-every-rows", defaultValue = "20000")
    long vacuumEveryRows;

    /** Handed-over rows wait in memory for at most this many batches; beyond, the table keeps them. */
    private static final int MAX_HANDED_OVER_BATCHES = 20;

    private final Semaphore wakeUp = new Semaphore(0);
    private final ConcurrentLinkedQueue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedOverRows = new AtomicInteger();
    private final ExecutorService vacuumThread = Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "outbox-vacuum");
                t.setDaemon(true);
                return t;
            });
    /** Longer than a send waiting out the producer's delivery timeout (2 min): a slow broker is no reason to restart. */
    private final LoopPulse pulse = new LoopPulse("outbox relay", Duration.ofMinutes(5));
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private OutboxVacuum vacuum;

    void start(@Observes StartupEvent event) {
        producer = AcknowledgedProducer.create(kafkaClients);
        vacuum = new OutboxVacuum(vacuumEveryRows);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        pulse.started(thread);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        pulse.stopped();
        running = false;
        wakeUp.release();
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        vacuumThread.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Committed rows, published from memory. */
    private record HandedOver(List<OutboxEntry> entries, long committedAtMillis) {
    }

    /** Whether the relay's thread runs and goes round (liveness). */
    public LoopPulse pulse() {
        return pulse;
    }

    /**
     * Called once a transaction that wrote these outbox rows committed, so they go out at once and
     * without being read back. When too many wait already (the broker is slow or away), they are
     * left to the table: published as orphans once the broker takes records again.
     */
    public void handOver(List<OutboxEntry> committed) {
        if (!committed.isEmpty() && handedOverRows.get() < MAX_HANDED_OVER_BATCHES * batchSize) {
            handedOverRows.addAndGet(committed.size());
            handedOver.add(new HandedOver(committed, System.currentTimeMillis()));
        }
        wakeUp.release();
    }

    private void run() {
        long backoffMillis = 100;
        long nextOrphanPoll = System.nanoTime(); // at once (nanoTime may be negative: never compare to 0)
        while (running) {
            pulse.turned();
            try {
                int handed = publishHandedOver();
                if (System.nanoTime() - nextOrphanPoll >= 0) {
                    int orphans = publishOrphans();
                    // A full batch: more may wait (after a restart, say); look again at once. Else
                    // not before rows written now could be orphans: the query walks every row and
                    // dead row of the table, the live ones being mostly handed-over rows in flight.
                    nextOrphanPoll = System.nanoTime() + (orphans < batchSize
                            ? Math.max(pollInterval.toNanos(), orphanAfter.toNanos()) : 0);
                }
                backoffMillis = 100;
                if (handed < batchSize && handedOver.isEmpty()) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Broker or database unavailable: nothing is lost (rows stay unsent); retry later.
                LOG.warnf("outbox relay failed, retrying in %d ms: %s", backoffMillis, e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    /** Publishes up to a batch of handed-over rows that no one published yet; returns how many. */
    int publishHandedOver() throws Exception {
        List<OutboxEntry> entries = new ArrayList<>();
        long committedAt = Long.MAX_VALUE;
        HandedOver next;
        while (entries.size() < batchSize && (next = handedOver.poll()) != null) {
            handedOverRows.addAndGet(-next.entries().size());
            entries.addAll(next.entries());
            committedAt = Math.min(committedAt, next.committedAtMillis());
        }
        if (entries.isEmpty()) {
            return 0;
        }
        long since = committedAt;
        // On failure the delete rolls back: the rows stay, and are published as orphans.
        return inRelayTransaction(tx -> {
            Set<Long> claimed = new HashSet<>();
            try (PreparedStatement claim = tx.prepareStatement("delete from outbox where id = any (?) returning id")) {
                claim.setArray(1, tx.createArrayOf("bigint", entries.stream().map(OutboxEntry::id).toArray()));
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getLong(1));
                    }
                }
            }
            List<EncodedEvent> events = new ArrayList<>(claimed.size());
            for (OutboxEntry entry : entries) {
                if (claimed.contains(entry.id())) { // else an orphan poll got to it first
                    events.add(entry.event());
                }
            }
            publish(events);
            return new Published(events, since);
        });
    }

    /** Publishes one batch of rows nobody handed over; returns how many. */
    int publishOrphans() throws Exception {
        return inRelayTransaction(tx -> {
            List<Long> ids = new ArrayList<>();
            List<EncodedEvent> events = new ArrayList<>();
            long oldestCreated = Long.MAX_VALUE;
            try (PreparedStatement select = tx.prepareStatement(
                    "select id, topic, record_key, header_names, header_values, payload, created_at from outbox"
                            + " where created_at < now() - make_interval(secs => ?)"
                            + " order by id limit ? for update skip locked")) {
                select.setDouble(1, orphanAfter.toMillis() / 1000.0);
                select.setInt(2, batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        oldestCreated = Math.min(oldestCreated, rs.getTimestamp(7).getTime());
                        events.add(eventOf(rs));
                    }
                }
            }
            if (!ids.isEmpty()) {
                publish(events);
                try (PreparedStatement sent = tx.prepareStatement("delete from outbox where id = any (?)")) {
                    sent.setArray(1, tx.createArrayOf("bigint", ids.toArray()));
                    sent.executeUpdate();
                }
            }
            return new Published(events, oldestCreated);
        });
    }

    /** What one relay transaction published, and since when its oldest event waited. */
    private record Published(List<EncodedEvent> events, long sinceMillis) {
    }

    private interface RelayStep {
        Published run(Connection tx) throws Exception;
    }

    /**
     * Runs one claim-publish-delete step in its own transaction: committed once the broker
     * acknowledged what it published, rolled back (its rows stay in the outbox) on any failure.
     * Returns how many events it published.
     */
    private int inRelayTransaction(RelayStep step) throws Exception {
        Published published;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                deleteWithoutWaitingForDisk(tx);
                published = step.run(tx);
                tx.commit();
            } catch (Exception e) {
                tx.rollback();
                throw e;
            }
        }
        afterPublished(published.events(), published.sinceMillis());
        return published.events().size();
    }

    /**
     * The relay's deletes commit without waiting for the WAL flush: a delete lost in a crash only
     * publishes its rows again (consumers drop them by ce_id), and the relay, whose next batch
     * waits for this commit, no longer queues behind fsyncs (nor adds one per batch to the disk).
     */
    private static void deleteWithoutWaitingForDisk(Connection tx) throws SQLException {
        try (java.sql.Statement s = tx.createStatement()) {
            s.execute("set local synchronous_commit = off");
        }
    }

    /** Sends and waits until the broker acknowledged every event. */
    private void publish(List<EncodedEvent> events) throws Exception {
        List<Future<?>> acks = new ArrayList<>(events.size());
        for (EncodedEvent event : events) {
            acks.add(producer.send(toRecord(event)));
        }
        producer.flush();
        for (Future<?> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private void afterPublished(List<EncodedEvent> events, long since) {
        if (events.isEmpty()) {
            return;
        }
        vacuum.afterDeleted(events.size(), dataSource, vacuumThread);
        Map<String, Integer> perTopic = new java.util.HashMap<>();
        events.forEach(e -> perTopic.merge(e.topic(), 1, Integer::sum));
        perTopic.forEach(metrics::published);
        metrics.publishLag(System.currentTimeMillis() - since);
    }

    private static ProducerRecord<String, byte[]> toRecord(EncodedEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
        event.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name,
                value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    /** An outbox row as the event it holds (headers in their publishing order). */
    private static EncodedEvent eventOf(ResultSet rs) throws SQLException {
        String[] names = (String[]) rs.getArray(4).getArray();
        String[] values = (String[]) rs.getArray(5).getArray();
        if (names.length != values.length) {
            throw new SQLException("outbox row " + rs.getLong(1) + " has " + names.length + " header names but "
                    + values.length + " values");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            headers.put(names[i], values[i]);
        }
        byte[] key = rs.getBytes(3);
        return new EncodedEvent(rs.getString(2), key == null ? null : new String(key, StandardCharsets.UTF_8),
                headers, rs.getBytes(6));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
