package io.edgefleet.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack's servers are real: a record round-trips through the broker, SQL runs in PostgreSQL. */
class LocalStackTest {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.onFreePorts(Path.of("target", "local-stack-test")).start(false);
    }

    @AfterAll
    static void stop() {
        long kafkaPid = stack.kafkaProcess().pid();
        long pgPid = stack.postgresPid();
        stack.close();
        assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false), "broker stopped");
        assertFalse(ProcessHandle.of(pgPid).map(ProcessHandle::isAlive).orElse(false), "postgres stopped");
        assertFalse(FreePorts.isOpen(stack.postgres().port()), "postgres port closed");
    }

    @Test
    void everyFleetTopicExistsWithItsPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            for (KafkaTopics.Topic topic : KafkaTopics.FLEET) {
                assertTrue(names.contains(topic.name()), topic.name());
                int partitions = admin.describeTopics(List.of(topic.name())).allTopicNames().get()
                        .get(topic.name()).partitions().size();
                assertEquals(topic.partitions(), partitions, topic.name());
            }
        }
    }

    @Test
    void aRecordRoundTripsThroughTheBroker() {
        String topic = io.edgefleet.events.Topics.DEAD_LETTERS;
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if ("hello".equals(r.value())) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the record did not come back from the broker");
    }

    @Test
    void postgresRunsSql() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("select 40 + 2")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }
}
