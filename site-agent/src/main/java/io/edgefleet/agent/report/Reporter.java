package io.edgefleet.agent.report;

import io.edgefleet.agent.AgentConfig;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Publishes this site's reports (CloudEvents, key = site id) to {@code fleet.site-reports.v1}. */
@ApplicationScoped
public class Reporter implements ReportSink {
    private static final Logger LOG = Logger.getLogger(Reporter.class);

    @Inject
    AgentConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "client.id", "site-agent-" + config.siteId() + "-reports",
                "acks", "all",
                "enable.idempotence", true,
                "linger.ms", 5), new StringSerializer(), new ByteArraySerializer());
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Sends a report; a failure is logged (the next reconcile or heartbeat reports the truth again). */
    @Override
    public void report(EventPayload payload) {
        EncodedEvent event = CloudEventCodec.encode(CloudEvent.of("/site-agent/" + config.siteId(), payload));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
        event.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                LOG.warnf("report %s not delivered: %s", event.headers().get("ce_type"), error.toString());
            }
        });
    }
}
