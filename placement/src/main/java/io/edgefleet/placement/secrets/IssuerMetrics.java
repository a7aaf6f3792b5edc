package io.edgefleet.placement.secrets;

import io.edgefleet.placement.metrics.FleetMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The issuer's meters, under the names of {@link FleetMetrics}; registered once, at start. */
final class IssuerMetrics {
    private final Counter issued;
    private final Counter sealed;
    private final Counter removed;
    private final Timer pass;

    IssuerMetrics(MeterRegistry registry) {
        issued = counter(registry, FleetMetrics.CLUSTER_SECRETS_ISSUED);
        sealed = counter(registry, FleetMetrics.CLUSTER_SECRETS_SEALED);
        removed = counter(registry, FleetMetrics.CLUSTER_SECRETS_REMOVED);
        pass = Timer.builder(FleetMetrics.CLUSTER_SECRETS_PASS)
                .description(FleetMetrics.help(FleetMetrics.CLUSTER_SECRETS_PASS))
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(250),
                        Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
    }

    void issued(int n) {
        issued.increment(n);
    }

    void sealed(int n) {
        sealed.increment(n);
    }

    void removed(int n) {
        removed.increment(n);
    }

    void pass(long nanos) {
        pass.record(Duration.ofNanos(nanos));
    }

    private static Counter counter(MeterRegistry registry, String name) {
        return Counter.builder(name).description(FleetMetrics.help(name)).register(registry);
    }
}
