package io.edgefleet.agent.report;

import io.edgefleet.servicekit.KafkaClientConfig;
import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.identity.SiteKeyFile;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes this site's reports (CloudEvents, key = site id) to {@code fleet.site-reports.v1},
 * each signed with the agent's key ({@code ce_sitesig}, see {@link SignedReports}): a host agent's
 * also name its host ({@code ce_sitehost}).
 */
@ApplicationScoped
public class Reporter implements ReportSink {
    private static final Logger LOG = Logger.getLogger(Reporter.class);

    @Inject
    AgentConfig config;

    @Inject
    KafkaClientConfig kafkaClients;

    private KafkaProducer<String, byte[]> producer;
    private SignedReports reports;

    /** Runs before the first report, whichever timer sends it first. */
    @PostConstruct
    void start() {
        Optional<Path> keyFile = config.identity().keyFile().filter(f -> !f.isBlank()).map(Path::of);
        reports = SignedReports.of(config.siteId(), config.hostId(), keyFile);
        keyFile.ifPresentOrElse(file -> {
            String pub = SiteKeyFile.publicKeyFile(file).toString();
            LOG.infof("reports of %s are signed with %s; enroll its public key: fleetctl site enroll %s%s --public-key %s",
                    config.hostId().map(h -> "host " + h + " of site " + config.siteId()).orElse("site " + config.siteId()),
                    file, config.siteId(), config.hostId().map(h -> " --host " + h).orElse(""), pub);
        }, () -> LOG.warnf("edgefleet.agent.identity.key-file is not set: reports of site %s are NOT signed"
                + " (placement drops unsigned reports when it enforces signatures)", config.siteId()));
        producer = new KafkaProducer<>(kafkaClients.with(Map.of(
                "client.id", "site-agent-" + config.siteId() + "-reports",
                "acks", "all",
                "enable.idempotence", true,
                "linger.ms", 5)), new StringSerializer(), new ByteArraySerializer());
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.flush();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends a report; a failure is logged (the next reconcile or heartbeat reports the truth again).
     * Signing and handing to the producer happen under one lock: the heartbeat timer and the reconciler
     * report from different threads, and placement refuses a report whose sequence number is not newer
     * than the last one it accepted (ADR 0027), so the records must reach the partition in the order of
     * their numbers. The idempotent producer keeps that order through retries.
     */
    @Override
    public synchronized void report(EventPayload payload) {
        EncodedEvent event = reports.encode(payload);
        String type = event.headers().get("ce_type");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
        event.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                LOG.warnf("report %s not delivered: %s", type, error.toString());
            }
        });
    }
}
