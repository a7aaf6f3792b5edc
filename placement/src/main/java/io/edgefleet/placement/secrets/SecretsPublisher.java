package io.edgefleet.placement.secrets;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.kafka.AcknowledgedProducer;
import io.edgefleet.servicekit.KafkaClientConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes sealed secrets and tombstones to {@code fleet.cluster-secrets.v1}, keyed by cluster id, each into its
 * SITE's partition: the partition Kafka's default partitioner gives the site id on {@code fleet.site-plans.v1},
 * so an agent reads the same single partition of both topics. That only holds while both topics have the same
 * partition count, which {@link #partitions()} checks before anything is written.
 */
final class SecretsPublisher implements AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private int partitions;

    SecretsPublisher(KafkaClientConfig clients) {
        this(AcknowledgedProducer.create(clients));
    }

    SecretsPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Topics whose partition counts differ: publishing would put secrets where their site's agents never read. */
    static final class PartitionMismatch extends Exception {
        PartitionMismatch(String message) {
            super(message);
        }
    }

    /**
     * The partition count of both topics, read from the broker once (then remembered).
     *
     * @throws PartitionMismatch when the secrets topic's count differs from the plans'
     */
    int partitions() throws PartitionMismatch {
        if (partitions == 0) {
            int plans = producer.partitionsFor(Topics.SITE_PLANS).size();
            int secrets = producer.partitionsFor(Topics.CLUSTER_SECRETS).size();
            if (plans != secrets) {
                throw new PartitionMismatch(Topics.CLUSTER_SECRETS + " has " + secrets + " partitions but "
                        + Topics.SITE_PLANS + " has " + plans + ": a site's secrets must land in the partition of"
                        + " its plans; give both topics the same count and restart placement");
            }
            partitions = plans;
        }
        return partitions;
    }

    /** One record to send: a sealing, or a tombstone ({@code sealed} null). */
    record Outgoing(String clusterId, String siteId, ClusterSecretsSealed sealed) {
    }

    /** Whether the broker acknowledged one record, and if not, why (a Kafka error: it holds no secret). */
    record Ack(boolean acknowledged, String error) {
    }

    /**
     * Sends every record and waits for each acknowledgement; returns one {@link Ack} per record, in order (a
     * record that failed is sent again on a later pass).
     */
    List<Ack> send(List<Outgoing> records) throws PartitionMismatch, InterruptedException {
        int count = partitions();
        List<Future<?>> pending = new ArrayList<>(records.size());
        for (Outgoing r : records) {
            pending.add(producer.send(toRecord(r, partitionOf(r.siteId(), count))));
        }
        producer.flush();
        List<Ack> acks = new ArrayList<>(pending.size());
        for (Future<?> ack : pending) {
            try {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acks.add(new Ack(true, null));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                acks.add(new Ack(false, String.valueOf(e.getCause() == null ? e : e.getCause())));
            }
        }
        return acks;
    }

    /** Kafka's default partition of a keyed record, for the site id: murmur2, made positive, modulo the count. */
    static int partitionOf(String siteId, int partitions) {
        return Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static ProducerRecord<String, byte[]> toRecord(Outgoing r, int partition) {
        if (r.sealed() == null) {
            return new ProducerRecord<>(Topics.CLUSTER_SECRETS, partition, r.clusterId(), null);
        }
        EncodedEvent event = CloudEventCodec.encode(CloudEvent.of(Batch.SOURCE, r.sealed()));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), partition, event.key(),
                event.value());
        event.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name,
                value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
