package io.edgefleet.placement.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when PostgreSQL answers a query on the placement schema within 2 s; reports the outbox
 * backlog so an operator sees at once whether events are piling up.
 */
@Readiness
@ApplicationScoped
public class PostgresHealthCheck implements HealthCheck {
    @Inject
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("placement-postgresql");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox")) {
            ps.setQueryTimeout(2);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return r.up().withData("outboxBacklog", rs.getLong(1)).build();
            }
        } catch (Exception e) {
            return r.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
