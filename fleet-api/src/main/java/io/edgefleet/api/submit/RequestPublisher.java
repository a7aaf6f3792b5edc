package io.edgefleet.api.submit;

import io.edgefleet.servicekit.KafkaClientConfig;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes validated requests to Kafka and returns only once the broker has them. */
@ApplicationScoped
public class RequestPublisher {
    /** The CloudEvent source of requests submitted through the REST API. */
    public static final String SOURCE = "/fleet-api";

    @Inject
    KafkaClientConfig kafkaClients;

    private KafkaProducer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(kafkaClients.with(Map.of("acks", "all",
                "enable.idempotence", true, "client.id", "fleet-api", "max.block.ms", 10000)),
                new StringSerializer(), new ByteArraySerializer());
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Publishes the request; returns its CloudEvent (id = the request's id within our source). */
    public CloudEvent<EventPayload> publish(EventPayload request) throws Exception {
        return publish(request, UUID.randomUUID().toString());
    }

    /**
     * Publishes the request under an id its producer derived (the GitOps intake's, from a spec's repository, path and
     * blob): the same spec read again, after a restart or by a second fleet-api, is the same request, which
     * placement decides once and answers again with its first outcome.
     */
    public CloudEvent<EventPayload> publish(EventPayload request, String id) throws Exception {
        // Millisecond precision keeps ce_time short and equal after a round trip everywhere.
        CloudEvent<EventPayload> event = CloudEvent.of(SOURCE, id, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                request);
        EncodedEvent encoded = CloudEventCodec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(encoded.topic(), encoded.key(), encoded.value());
        encoded.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(15, TimeUnit.SECONDS);
        return event;
    }
}
