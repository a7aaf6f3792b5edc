package io.edgefleet.api.view;

import io.edgefleet.api.KafkaClientConfig;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.validation.Validated;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds {@link FleetView} (and {@link ClusterSecretsView}) from what placement and the agents publish.
 * Every replica reads every partition (no consumer group): the view is a projection, not work to share.
 * The compacted topics (status, plans, sealed cluster secrets) and the outcomes are read from the
 * beginning; the site reports, which are not compacted, only from a little more than one full-heartbeat period ago: a site agent
 * sends its whole inventory at least once a minute (ADR 0013; light heartbeats in between carry
 * only a digest), so older reports add nothing.
 */
@ApplicationScoped
public class ViewFeed {
    private static final Logger LOG = Logger.getLogger(ViewFeed.class);
    private static final List<String> FROM_BEGINNING =
            List.of(Topics.CLUSTER_STATUS, Topics.REQUEST_OUTCOMES, Topics.SITE_PLANS, Topics.CLUSTER_SECRETS);

    @Inject
    FleetView view;
    @Inject
    ClusterSecretsView secrets;

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
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(kafkaClients.with(Map.of("client.id", "fleet-api-view",
                "enable.auto.commit", false)), new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "view-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void run() {
        boolean assigned = false;
        while (running) {
            try {
                if (!assigned) {
                    assignAll();
                    assigned = true;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("reading the fleet's status failed, retrying in 1 s: %s", e.toString());
                sleep();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void assignAll() {
        List<TopicPartition> fromBeginning = new ArrayList<>();
        for (String topic : FROM_BEGINNING) {
            fromBeginning.addAll(partitions(topic));
        }
        List<TopicPartition> reports = partitions(Topics.SITE_REPORTS);
        List<TopicPartition> all = new ArrayList<>(fromBeginning);
        all.addAll(reports);
        consumer.assign(all);
        consumer.seekToBeginning(fromBeginning);
        long since = System.currentTimeMillis() - reportLookback.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        reports.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        List<TopicPartition> nothingRecent = new ArrayList<>();
        for (TopicPartition tp : reports) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                nothingRecent.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        consumer.seekToEnd(nothingRecent);
    }

    private List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        return partitions;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (Topics.CLUSTER_STATUS.equals(record.topic())) {
                view.forgetStatus(record.key());
            } else if (Topics.CLUSTER_SECRETS.equals(record.topic())) {
                secrets.forget(record.key());
            }
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(headers, record.value());
        if (!decoded.isValid()) {
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    decoded.violations());
            return;
        }
        EventPayload data = decoded.toOptional().orElseThrow().data();
        if (data instanceof ClusterStatusChanged status) {
            view.apply(status);
        } else if (data instanceof NetworkFunctionStatusChanged status) {
            view.apply(status);
        } else if (data instanceof RequestAccepted accepted) {
            view.apply(accepted);
        } else if (data instanceof RequestRejected rejected) {
            view.apply(rejected);
        } else if (data instanceof SitePlan plan) {
            view.apply(plan);
        } else if (data instanceof AgentHeartbeat heartbeat) {
            view.apply(heartbeat);
        } else if (data instanceof HostStateChanged change) {
            view.apply(change);
        } else if (data instanceof ClusterSecretsSealed sealed) {
            secrets.apply(sealed);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
