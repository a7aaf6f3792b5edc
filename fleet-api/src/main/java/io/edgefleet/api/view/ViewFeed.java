package io.edgefleet.api.view;

import io.edgefleet.servicekit.KafkaClientConfig;
import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds {@link FleetView} (and {@link ClusterSecretsView}) from what placement and the agents publish.
 * Every replica reads every partition (no consumer group): the view is a projection, not work to share.
 * What a start reads is bounded by what the view holds (docs/adr/0028):
 * <ul>
 * <li>the compacted topics (status, plans, sealed cluster secrets) from the beginning: their latest value per key is
 * the state;</li>
 * <li>the outcomes from the outcome window only: published within {@code edgefleet.api.outcomes.max-age}, at most
 * {@code max-entries} back from each partition's end ({@link StartOffsets#outcomes});</li>
 * <li>the site reports, which are not compacted, from a little more than one full-heartbeat period ago: a site
 * agent sends its whole inventory at least once a minute (ADR 0013), so older reports add nothing.</li>
 * </ul>
 * fleet-api is ready once the feed has read every partition up to where it ended at start ({@link CatchUp}).
 * A record the view cannot read goes to the dead-letter topic ({@link UnreadableRecords}); the feed goes on.
 */
@ApplicationScoped
public class ViewFeed {
    private static final Logger LOG = Logger.getLogger(ViewFeed.class);
    private static final List<String> COMPACTED = List.of(Topics.CLUSTER_STATUS, Topics.SITE_PLANS,
            Topics.CLUSTER_SECRETS);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    FleetView view;
    @Inject
    ClusterSecretsView secrets;
    @Inject
    ViewMetrics metrics;
    @Inject
    KafkaClientConfig kafkaClients;

    /**
     * How far back to read site reports at start: longer than the agents' full-heartbeat period
     * (heartbeat-interval × heartbeat-full-every, 60 s by default), or a site would show no hosts
     * until its next full heartbeat.
     */
    @ConfigProperty(name = "edgefleet.api.report-lookback", defaultValue = "90s")
    Duration reportLookback;

    private volatile boolean running;
    private volatile CatchUp catchUp;
    private volatile String lastError = "not started";
    private KafkaConsumer<String, byte[]> consumer;
    private UnreadableRecords unreadable;
    private ViewRecords records;
    private Thread thread;
    private final LoopPulse pulse = new LoopPulse("view feed", Duration.ofMinutes(5));

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(kafkaClients.with(Map.of("client.id", "fleet-api-view",
                "enable.auto.commit", false, "auto.offset.reset", "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer());
        unreadable = new UnreadableRecords(new KafkaProducer<>(kafkaClients.with(Map.of(
                "client.id", "fleet-api-dead-letters", "acks", "all", "max.block.ms", 5000)),
                new StringSerializer(), new ByteArraySerializer()), metrics);
        records = new ViewRecords(view, secrets);
        running = true;
        thread = new Thread(this::run, "view-feed");
        thread.setDaemon(true);
        pulse.started(thread);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        pulse.stopped();
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (unreadable != null) {
            unreadable.close();
        }
    }

    /** How far the start's replay is; {@code null} until the feed is assigned its partitions. */
    CatchUp catchUp() {
        return catchUp;
    }

    /** Why the feed is not assigned yet (or the last error it retried after). */
    String lastError() {
        return lastError;
    }

    /** Whether the feed's thread runs and polls (liveness): a dead feed leaves every view frozen. */
    LoopPulse pulse() {
        return pulse;
    }

    private void run() {
        while (running) {
            pulse.turned();
            try {
                if (catchUp == null) {
                    catchUp = assignAll();
                    measure();
                }
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(500));
                for (TopicPartition tp : polled.partitions()) {
                    List<ConsumerRecord<String, byte[]>> batch = polled.records(tp);
                    batch.forEach(this::read);
                    metrics.read(tp.topic(), batch.size());
                }
                view.expireOutcomes();
                measure();
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.warnf("reading the fleet's status failed, retrying in 1 s: %s", e.toString());
                sleep();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        var why = records.apply(record);
        if (!why.isEmpty()) {
            unreadable.handle(record.topic(), record.partition(), record.offset(), record.key(),
                    ViewRecords.headers(record), record.value(), why);
        }
    }

    /** The start's catch-up and each topic's lag, from positions and fetch responses the consumer already has. */
    private void measure() {
        Map<String, Long> lagByTopic = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (!catchUp.done()) {
                catchUp.progress(tp, consumer.position(tp));
            }
            long lag = consumer.currentLag(tp).orElse(0);
            lagByTopic.merge(tp.topic(), lag, Long::sum);
        }
        lagByTopic.forEach(metrics::lag);
    }

    private CatchUp assignAll() {
        Map<String, List<TopicPartition>> byTopic = new HashMap<>();
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : ViewMetrics.TOPICS) {
            List<TopicPartition> partitions = partitions(topic);
            byTopic.put(topic, partitions);
            all.addAll(partitions);
        }
        consumer.assign(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all, METADATA_TIMEOUT);
        List<TopicPartition> compacted = new ArrayList<>();
        COMPACTED.forEach(topic -> compacted.addAll(byTopic.get(topic)));
        consumer.seekToBeginning(compacted);

        long now = System.currentTimeMillis();
        OutcomeLimits window = view.outcomeLimits();
        Map<TopicPartition, Long> query = new HashMap<>();
        byTopic.get(Topics.REQUEST_OUTCOMES).forEach(tp -> query.put(tp, now - window.maxAge().toMillis()));
        byTopic.get(Topics.SITE_REPORTS).forEach(tp -> query.put(tp, now - reportLookback.toMillis()));
        Map<TopicPartition, OffsetAndTimestamp> since = consumer.offsetsForTimes(query, METADATA_TIMEOUT);
        long outcomesToRead = 0;
        for (TopicPartition tp : byTopic.get(Topics.REQUEST_OUTCOMES)) {
            long from = StartOffsets.outcomes(ends.get(tp), since.get(tp), window.maxEntries());
            consumer.seek(tp, from);
            outcomesToRead += ends.get(tp) - from;
        }
        for (TopicPartition tp : byTopic.get(Topics.SITE_REPORTS)) {
            consumer.seek(tp, StartOffsets.reports(ends.get(tp), since.get(tp)));
        }
        LOG.infof("view feed assigned %d partitions; reading %d outcomes of the window (%s) and the compacted topics"
                + " before it is ready", all.size(), outcomesToRead, window.describe());
        lastError = "";
        return new CatchUp(ends);
    }

    private List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, METADATA_TIMEOUT)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        return partitions;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
