package io.edgefleet.placement.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acknowledged them.
 *
 * <p>Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so several service replicas can run a
 * relay each without publishing a row twice in the normal case. A crash after the broker
 * acknowledged but before the delete committed publishes those rows again on restart: consumers
 * drop them by their {@code ce_id}, which the row fixed when it was written.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    DataSource dataSource;

    @Inject
    io.edgefleet.placement.metrics.PlacementMetrics metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "edgefleet.outbox.poll-interval", defaultValue = "50ms")
    Duration pollInterval;

    @ConfigProperty(name = "edgefleet.outbox.batch-size", defaultValue = "1000")
    int batchSize;

    /** The relay vacuums the outbox after deleting this many rows (0: leave it to autovacuum). */
    @ConfigProperty(name = "edgefleet.outbox.vacuum-every-rows", defaultValue = "20000")
    long vacuumEveryRows;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private OutboxVacuum vacuum;

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "acks", "all",
                "enable.idempotence", true,
                "linger.ms", 5,
                "compression.type", "lz4",
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
        vacuum = new OutboxVacuum(vacuumEveryRows);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a transaction that wrote outbox rows commits, so they go out at once. */
    public void signal() {
        wakeUp.release();
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try {
                int sent = relayOnce();
                backoffMillis = 100;
                if (sent < batchSize) {
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

    /** Publishes one batch of unsent rows; returns how many. */
    int relayOnce() throws Exception {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Future<?>> acks = new ArrayList<>();
                Map<String, Integer> perTopic = new java.util.HashMap<>();
                long oldestCreated = Long.MAX_VALUE;
                try (PreparedStatement select = tx.prepareStatement(
                        "select id, topic, record_key, header_names, header_values, payload, created_at from outbox"
                                + " order by id limit ? for update skip locked")) {
                    select.setInt(1, batchSize);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            perTopic.merge(rs.getString(2), 1, Integer::sum);
                            oldestCreated = Math.min(oldestCreated, rs.getTimestamp(7).getTime());
                            acks.add(producer.send(toRecord(rs)));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    tx.rollback();
                    return 0;
                }
                producer.flush();
                for (Future<?> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                try (PreparedStatement sent = tx.prepareStatement("delete from outbox where id = any (?)")) {
                    sent.setArray(1, tx.createArrayOf("bigint", ids.toArray()));
                    sent.executeUpdate();
                }
                tx.commit();
                if (vacuum.due(ids.size())) {
                    OutboxVacuum.run(dataSource);
                }
                perTopic.forEach(metrics::published);
                metrics.publishLag(System.currentTimeMillis() - oldestCreated);
                return ids.size();
            } catch (Exception e) {
                tx.rollback();
                throw e;
            }
        }
    }

    private static ProducerRecord<String, byte[]> toRecord(ResultSet rs) throws SQLException {
        String[] names = (String[]) rs.getArray(4).getArray();
        String[] values = (String[]) rs.getArray(5).getArray();
        if (names.length != values.length) {
            throw new SQLException("outbox row " + rs.getLong(1) + " has " + names.length + " header names but "
                    + values.length + " values");
        }
        byte[] key = rs.getBytes(3);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2),
                key == null ? null : new String(key, StandardCharsets.UTF_8), rs.getBytes(6));
        for (int i = 0; i < names.length; i++) {
            record.headers().add(new RecordHeader(names[i], values[i].getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
