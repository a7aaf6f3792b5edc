package io.edgefleet.placement.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.Topics;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SecretsPublisherTest {
    private static final Node BROKER = new Node(1, "localhost", 9092);

    /** A site's secrets go where Kafka's own partitioner puts the site's plan (key = site id). */
    @Test
    void aSitesPartitionIsTheOneItsPlansAreIn() {
        for (String site : List.of("edge-par-01", "edge-lyo-02", "sec-1", "s", "a-very-long-site-identifier-0042")) {
            for (int partitions : new int[] {1, 3, 8, 12}) {
                assertEquals(BuiltInPartitioner.partitionForKey(site.getBytes(StandardCharsets.UTF_8), partitions),
                        SecretsPublisher.partitionOf(site, partitions), site + " over " + partitions);
            }
        }
    }

    @Test
    void sealingsAndTombstonesGoToTheSitesPartitionKeyedByCluster() throws Exception {
        MockProducer<String, byte[]> producer = producer(8, 8);
        List<SecretsPublisher.Ack> acks = new SecretsPublisher(producer).send(List.of(
                new SecretsPublisher.Outgoing("c-1", "edge-par-01", sealed("c-1", "edge-par-01")),
                new SecretsPublisher.Outgoing("c-2", "edge-lyo-02", null)));
        assertTrue(acks.stream().allMatch(SecretsPublisher.Ack::acknowledged));
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertEquals(2, sent.size());
        assertEquals(Topics.CLUSTER_SECRETS, sent.get(0).topic());
        assertEquals("c-1", sent.get(0).key());
        assertEquals(SecretsPublisher.partitionOf("edge-par-01", 8), sent.get(0).partition());
        assertEquals("io.edgefleet.cluster.secrets-sealed.v1",
                new String(sent.get(0).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
        assertEquals("c-2", sent.get(1).key());
        assertNull(sent.get(1).value(), "a tombstone");
        assertEquals(SecretsPublisher.partitionOf("edge-lyo-02", 8), sent.get(1).partition());
    }

    @Test
    void aSecretsTopicWithOtherPartitionsThanThePlansIsRefusedBeforeAnythingIsSent() {
        MockProducer<String, byte[]> producer = producer(8, 4);
        SecretsPublisher publisher = new SecretsPublisher(producer);
        SecretsPublisher.PartitionMismatch e = assertThrows(SecretsPublisher.PartitionMismatch.class,
                () -> publisher.send(List.of(new SecretsPublisher.Outgoing("c-1", "s", null))));
        assertTrue(e.getMessage().contains("4 partitions") && e.getMessage().contains("has 8"), e.getMessage());
        assertTrue(producer.history().isEmpty());
    }

    @Test
    void aRecordTheBrokerRefusesIsReportedNotAcknowledged() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(cluster(8, 8), true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                return "c-2".equals(record.key())
                        ? CompletableFuture.failedFuture(new TimeoutException("broker away"))
                        : super.send(record, callback);
            }
        };
        List<SecretsPublisher.Ack> acks = new SecretsPublisher(producer).send(List.of(
                new SecretsPublisher.Outgoing("c-1", "s", null), new SecretsPublisher.Outgoing("c-2", "s", null)));
        assertTrue(acks.get(0).acknowledged());
        assertFalse(acks.get(1).acknowledged());
        assertTrue(acks.get(1).error().contains("broker away"), acks.get(1).error());
    }

    private static MockProducer<String, byte[]> producer(int plans, int secrets) {
        return new MockProducer<>(cluster(plans, secrets), true, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static Cluster cluster(int plans, int secrets) {
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int i = 0; i < plans; i++) {
            partitions.add(new PartitionInfo(Topics.SITE_PLANS, i, BROKER, new Node[] {BROKER}, new Node[] {BROKER}));
        }
        for (int i = 0; i < secrets; i++) {
            partitions.add(new PartitionInfo(Topics.CLUSTER_SECRETS, i, BROKER, new Node[] {BROKER}, new Node[] {BROKER}));
        }
        return new Cluster("test", List.of(BROKER), partitions, java.util.Set.of(), java.util.Set.of());
    }

    private static ClusterSecretsSealed sealed(String clusterId, String siteId) {
        return new ClusterSecretsSealed(clusterId, "team-a", siteId, 1, new SealedSecrets(SealedSecrets.SCHEME,
                "AAAAAAAAAAAAAAAA", "AAAA", List.of(new SealedKey("reader:x", "AAAA", "AAAA"))), Instant.EPOCH);
    }
}
