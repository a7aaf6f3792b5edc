package io.edgefleet.api;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The one Kafka client configuration of fleet-api: every {@code kafka.*} property (or {@code KAFKA_*}
 * environment variable) — bootstrap servers, {@code security.protocol}, SASL and TLS settings — exactly as
 * Quarkus reads it, so the request publisher and the view feed connect to a SASL_SSL or mutual-TLS
 * broker alike. A client adds only its own behaviour (acks, offsets, client id).
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
