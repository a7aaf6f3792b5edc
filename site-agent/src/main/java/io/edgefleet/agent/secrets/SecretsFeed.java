package io.edgefleet.agent.secrets;

import io.edgefleet.servicekit.KafkaClientConfig;
import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.identity.SiteKeyFile;
import io.edgefleet.agent.plan.SitePartitionReading;
import io.edgefleet.agent.reconcile.Reconciler;
import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.Topics;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.pki.ClusterSecrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows the site's partition of {@code fleet.cluster-secrets.v1} from the beginning (compacted: the latest
 * sealing of each cluster, tombstones for deleted ones) and keeps what opens for this agent in the
 * {@link ClusterSecretsStore}; a cluster whose secrets arrive makes the reconciler run at once, so its
 * control plane boots without waiting for the drift timer. Without a key file the agent cannot be a recipient:
 * clusters that need secrets wait, and the start says why.
 */
@ApplicationScoped
public class SecretsFeed {
    private static final Logger LOG = Logger.getLogger(SecretsFeed.class);

    @Inject
    AgentConfig config;
    @Inject
    Reconciler reconciler;
    @Inject
    MeterRegistry meters;

    @Inject
    KafkaClientConfig kafkaClients;

    private volatile ClusterSecretsStore store;
    private final LoopPulse pulse = new LoopPulse("secrets feed", Duration.ofMinutes(5));
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Counter opened;
    private Counter refused;

    void start(@Observes StartupEvent event) {
        Optional<Path> keyFile = config.identity().keyFile().map(Path::of);
        if (keyFile.isEmpty()) {
            LOG.warn("no identity key file: this agent cannot open cluster secrets, so clusters on a site network"
                    + " wait for them (set edgefleet.agent.identity.key-file and enroll its public key)");
            return;
        }
        AgentRecipient recipient = AgentRecipient.of(config.siteId(), config.hostId(), SiteKeyFile.loadOrCreate(keyFile.get()));
        store = new ClusterSecretsStore(config.siteId(), recipient);
        opened = Counter.builder("fleet_agent_cluster_secrets_opened_total")
                .description("Cluster secrets sealed for this agent and opened").register(meters);
        refused = Counter.builder("fleet_agent_cluster_secrets_unopened_total")
                .description("Sealings of this site's clusters this agent could not open (not a recipient, or altered)")
                .register(meters);
        consumer = new KafkaConsumer<>(kafkaClients.with(Map.of(
                "client.id", "site-agent-secrets-" + config.siteId(),
                "enable.auto.commit", false,
                "auto.offset.reset", "earliest")), new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "secrets-feed");
        thread.setDaemon(true);
        pulse.started(thread);
        thread.start();
        LOG.infof("opening cluster secrets sealed for %s", recipient.id());
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

    /** Whether the feed's thread runs and polls (liveness); not started without an identity key. */
    public LoopPulse pulse() {
        return pulse;
    }

    /** A cluster's opened secrets; empty before they arrive, or when this agent has no key. */
    public Optional<ClusterSecrets> secretsOf(String clusterId) {
        ClusterSecretsStore opened = store;
        return opened == null ? Optional.empty() : opened.of(clusterId);
    }

    private void run() {
        boolean assigned = false;
        while (running) {
            pulse.turned();
            try {
                if (!assigned) {
                    SitePartitionReading.assignFromBeginning(consumer, Topics.CLUSTER_SECRETS, config.siteId());
                    assigned = true;
                }
                boolean changed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    changed |= apply(record);
                }
                if (changed) {
                    reconciler.nudge();
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("reading cluster secrets failed, retrying in 1 s: %s", e.toString());
                SitePartitionReading.pause(1000);
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Applies one record; true when this site's secrets changed. */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return record.key() != null && store.remove(record.key());
        }
        Map<String, String> headers = SitePartitionReading.headers(record);
        Validated<CloudEvent<ClusterSecretsSealed>> decoded =
                CloudEventCodec.decode(headers, record.value(), ClusterSecretsSealed.class);
        if (!decoded.isValid()) {
            LOG.warnf("skipping unreadable cluster secrets at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), decoded.violations());
            return false;
        }
        ClusterSecretsStore.Accepted accepted = store.accept(decoded.toOptional().orElseThrow().data());
        switch (accepted) {
            case OPENED -> opened.increment();
            case NOT_A_RECIPIENT, UNREADABLE -> refused.increment();
            case OLDER, OTHER_SITE -> { }
        }
        return accepted == ClusterSecretsStore.Accepted.OPENED;
    }
}
