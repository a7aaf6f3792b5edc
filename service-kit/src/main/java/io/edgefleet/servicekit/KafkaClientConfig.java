package io.edgefleet.servicekit;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The one Kafka client configuration of a service: every {@code kafka.*} property (or {@code KAFKA_*} environment
 * variable) — bootstrap servers, {@code security.protocol}, SASL and TLS settings — exactly as the SmallRye channels
 * receive it, so every client the code makes (placement's outbox relay, secrets publisher and admin client;
 * fleet-api's publisher and view feed; the agent's reporter, plan and secrets feeds) connects to a SASL_SSL or
 * mutual-TLS broker as the channels do (ADR 0029). A client adds only its own behaviour (acks, offsets, timeouts).
 */
@ApplicationScoped
public class KafkaClientConfig {
    private final Map<String, Object> common;

    @Inject
    public KafkaClientConfig(@Identifier("default-kafka-broker") Map<String, Object> common) {
        this.common = Map.copyOf(common);
    }

    /** The common settings with this client's own on top (its own win: they are about behaviour, not access). */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(common);
        config.putAll(own);
        return config;
    }
}
