package io.edgefleet.agent.plan;

import io.edgefleet.servicekit.KafkaClientConfig;
import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.reconcile.Reconciler;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.validation.Validated;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows this site's plans. The plan topic is compacted and keyed by site, and a plan is the
 * whole desired state, so on every start the agent reads its one partition from the beginning
 * and keeps the newest plan for its site: no history, no consumer group, no committed offsets.
 */
@ApplicationScoped
public class PlanFeed {
    private static final Logger LOG = Logger.getLogger(PlanFeed.class);

    @Inject
    AgentConfig config;
    @Inject
    Reconciler reconciler;
    @Inject
    MeterRegistry meters;

    @Inject
    KafkaClientConfig kafkaClients;

    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final LoopPulse pulse = new LoopPulse("plan feed", Duration.ofMinutes(5));
    private long newestVersion = -1;
    private PlanVerifier verifier;
    private volatile int assignedPartition = -1;
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong otherSites = new AtomicLong();

    void start(@Observes StartupEvent event) {
        // Before the first record: a key file that cannot be read fails the start (ADR 0027).
        verifier = PlanVerifier.of(config.planSigning().publicKeys(), meters);
        consumer = new KafkaConsumer<>(kafkaClients.with(Map.of(
                "client.id", "site-agent-" + config.siteId(),
                "enable.auto.commit", false,
                "auto.offset.reset", "earliest")), new StringDeserializer(), new ByteArrayDeserializer());
        // Counters (exported as ..._total): both only count up from the agent's start.
        FunctionCounter.builder("fleet_agent_plan_records_read", recordsRead, AtomicLong::get)
                .description("Records read from this site's plan partition since start").register(meters);
        FunctionCounter.builder("fleet_agent_plan_records_of_other_sites", otherSites, AtomicLong::get)
                .description("Records of other sites sharing the plan partition, skipped since start").register(meters);
        running = true;
        thread = new Thread(this::run, "plan-feed");
        thread.setDaemon(true);
        pulse.started(thread);
        thread.start();
    }

    /** Whether the feed's thread runs and polls (liveness): a dead feed leaves the agent deaf to every new plan. */
    public LoopPulse pulse() {
        return pulse;
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
    }

    /** Records read from the plan topic since start (all from {@link #assignedPartition()}). */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** Of those, records of other sites that share the partition (skipped by key, never decoded). */
    public long otherSitesSkipped() {
        return otherSites.get();
    }

    /** The plan partition this agent reads, or -1 before it is assigned. */
    public int assignedPartition() {
        return assignedPartition;
    }

    private void run() {
        while (running) {
            pulse.turned();
            try {
                if (assignedPartition < 0) {
                    assign();
                }
                SitePlan newest = null;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    recordsRead.incrementAndGet();
                    SitePlan plan = read(record);
                    if (plan != null && plan.version() > newestVersion) {
                        newest = plan;
                        newestVersion = plan.version();
                    }
                }
                if (newest != null) {
                    reconciler.desire(newest);
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                // Broker unreachable or similar: what runs keeps running; try again shortly.
                LOG.warnf("reading plans failed, retrying in 1 s: %s", e.toString());
                SitePartitionReading.pause(1000);
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void assign() {
        TopicPartition mine = SitePartitionReading.assignFromBeginning(consumer, Topics.SITE_PLANS, config.siteId());
        assignedPartition = mine.partition();
        LOG.infof("following plans of site %s on %s", config.siteId(), mine);
    }

    /** This site's plan in the record, or null (another site's record, or unreadable: logged, skipped). */
    private SitePlan read(ConsumerRecord<String, byte[]> record) {
        if (!config.siteId().equals(record.key())) {
            otherSites.incrementAndGet();
            return null;
        }
        Map<String, String> headers = SitePartitionReading.headers(record);
        Validated<CloudEvent<SitePlan>> decoded = CloudEventCodec.decode(headers, record.value(), SitePlan.class);
        if (!decoded.isValid()) {
            LOG.warnf("skipping unreadable plan at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    decoded.violations());
            return null;
        }
        SitePlan plan = decoded.toOptional().orElseThrow().data();
        if (!config.siteId().equals(plan.siteId())) {
            return null;
        }
        // Only a plan placement signed, and newer than the one applied (counted and logged otherwise).
        return verifier.admit(headers, record.key(), record.value(), plan, newestVersion,
                record.topic() + "-" + record.partition() + "@" + record.offset()) ? plan : null;
    }
}
