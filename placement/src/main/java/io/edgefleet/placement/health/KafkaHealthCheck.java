package io.edgefleet.placement.health;

import io.edgefleet.placement.kafka.KafkaAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the Kafka cluster answers a describe-cluster call within 2 s (the outbox relay and
 * the consumers need it), asked through the process's one admin client.
 */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {
    @Inject
    KafkaAdmin admin;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("placement-kafka");
        try {
            int nodes = admin.get().describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            return r.up().withData("brokers", nodes).build();
        } catch (Exception e) {
            return r.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
