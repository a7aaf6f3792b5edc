package io.edgefleet.placement.retention;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Lets Flyway run V18's {@code create index concurrently}. By default Flyway serialises the replicas'
 * migrations with an advisory lock held by an open transaction of its own, and a concurrent index build
 * waits for every transaction older than itself to end: for that one too, so the build, and the start of
 * placement, would wait for ever. With a session-level advisory lock (Flyway's behaviour before 9.x)
 * replicas still migrate one at a time, and no transaction stays open beside the build.
 */
@Singleton
public class MigrationSessionLock implements FlywayConfigurationCustomizer {
    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
