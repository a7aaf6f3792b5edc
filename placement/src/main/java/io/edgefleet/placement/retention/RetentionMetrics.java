package io.edgefleet.placement.retention;

import io.edgefleet.placement.metrics.FleetMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code fleet_placement_retention_purged_total{kind}}: rows the retention job deleted, counted once their
 * transaction committed. Every kind is registered at start, so each series exists (at 0) before the first
 * purge and a rate over it is defined.
 */
@ApplicationScoped
public class RetentionMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<PurgeKind, Counter> purged = new EnumMap<>(PurgeKind.class);

    @PostConstruct
    void register() {
        for (PurgeKind kind : PurgeKind.values()) {
            purged.put(kind, Counter.builder(FleetMetrics.RETENTION_PURGED)
                    .description(FleetMetrics.help(FleetMetrics.RETENTION_PURGED))
                    .tag(FleetMetrics.TAG_KIND, kind.tag).register(registry));
        }
    }

    void purged(PurgeKind kind, int rows) {
        purged.get(kind).increment(rows);
    }
}
