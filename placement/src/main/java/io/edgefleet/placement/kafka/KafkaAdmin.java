package io.edgefleet.placement.kafka;

import io.edgefleet.servicekit.KafkaClientConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one Kafka admin client of a placement process (readiness check, report clock), created on
 * first use and closed at shutdown. Short timeouts: its callers answer within seconds or give up.
 */
@ApplicationScoped
public class KafkaAdmin {
    @Inject
    KafkaClientConfig clients;

    private Admin admin;

    public synchronized Admin get() {
        if (admin == null) {
            admin = Admin.create(clients.with(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000)));
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
