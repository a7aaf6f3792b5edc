package io.edgefleet.bench.pipeline;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reference: consume → one PostgreSQL transaction per poll batch (batched insert + one update
 * per distinct site) → produce one ~1 KB record per input → flush → commit offsets
 * asynchronously. No logic. Same broker, same PostgreSQL, same machine as placement.
 */
final class BarePipeline implements Runnable {
    static final String IN = "bench.bare-in";
    static final String OUT = "bench.bare-out";

    private final BenchStack stack;
    private volatile boolean running = true;
    private final Thread thread = new Thread(this, "bare-pipeline");

    BarePipeline(BenchStack stack) throws Exception {
        this.stack = stack;
        try (Connection c = stack.db()) {
            c.createStatement().execute("create schema if not exists bare");
            c.createStatement().execute("create table if not exists bare.bare_request (id text primary key, site text,"
                    + " payload bytea, at timestamptz default now())");
            c.createStatement().execute("create table if not exists bare.bare_site (site text primary key, n bigint)");
        }
    }

    /**
     * Drops the bare phase's tables: otherwise autovacuum analyzes and vacuums their 280,000 rows
     * within the placement phase's first minute, on placement's time.
     */
    void dropTables() throws Exception {
        try (Connection c = stack.db()) {
            c.createStatement().execute("drop schema bare cascade");
        }
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrap(),
                "group.id", "bare", "auto.offset.reset", "earliest", "enable.auto.commit", false,
                "max.poll.records", 2000), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = Fleet.producer(stack.bootstrap());
             Connection db = stack.db()) {
            db.setAutoCommit(false);
            consumer.subscribe(List.of(IN));
            byte[] out = new byte[1000];
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                Map<String, Integer> perSite = new TreeMap<>();
                try (PreparedStatement ins = db.prepareStatement(
                        "insert into bare.bare_request (id, site, payload) values (?, ?, ?) on conflict do nothing");
                     PreparedStatement upd = db.prepareStatement("insert into bare.bare_site (site, n) values (?, ?)"
                             + " on conflict (site) do update set n = bare.bare_site.n + excluded.n")) {
                    for (ConsumerRecord<String, byte[]> r : records) {
                        ins.setString(1, r.topic() + "-" + r.partition() + "-" + r.offset());
                        ins.setString(2, r.key());
                        ins.setBytes(3, r.value());
                        ins.addBatch();
                        perSite.merge(r.key(), 1, Integer::sum);
                    }
                    ins.executeBatch();
                    for (Map.Entry<String, Integer> e : perSite.entrySet()) {
                        upd.setString(1, e.getKey());
                        upd.setInt(2, e.getValue());
                        upd.addBatch();
                    }
                    upd.executeBatch();
                }
                db.commit();
                for (ConsumerRecord<String, byte[]> r : records) {
                    ProducerRecord<String, byte[]> o = new ProducerRecord<>(OUT, r.key(), out);
                    o.headers().add("sent", r.headers().lastHeader("sent").value());
                    producer.send(o);
                }
                producer.flush();
                consumer.commitAsync();
            }
        } catch (Exception e) {
            System.err.println("bare pipeline failed: " + e);
            e.printStackTrace();
        }
    }

    /**
     * Writes one record to every partition of the bare topics and waits for each to be acknowledged.
     * A partition the broker has just created may refuse a first produce (not yet its leader) and
     * take the next: an idempotent producer starting its load at that moment sees its retried
     * first batch rejected as out of sequence, and every later record of that partition with it.
     */
    static void awaitPartitionsOpen(BenchStack stack) throws Exception {
        try (KafkaProducer<String, byte[]> probe = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrap(),
                "acks", "all", "enable.idempotence", false, "max.in.flight.requests.per.connection", 1,
                "delivery.timeout.ms", 120_000), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (String topic : List.of(IN, OUT)) {
                for (var partition : probe.partitionsFor(topic)) {
                    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, partition.partition(), "probe",
                            new byte[0]);
                    r.headers().add("sent", sentHeader(System.currentTimeMillis()));
                    acks.add(probe.send(r));
                }
            }
            for (var ack : acks) {
                ack.get(2, TimeUnit.MINUTES);
            }
        }
    }

    static byte[] sentHeader(long millis) {
        return Long.toString(millis).getBytes(StandardCharsets.UTF_8);
    }
}
