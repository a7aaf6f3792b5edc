package io.edgefleet.placement.consolidation;

import io.edgefleet.events.outcome.ConsolidationState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Site consolidation meters (docs/metrics.md): runs by how they ended, moves completed, hosts freed, runs the
 * schedule started.
 * Every series is registered at start, at 0, so rates over them are defined before the first run.
 * Names are declared here, once, with the {@code fleet_} prefix; Micrometer adds {@code _total}.
 */
@Startup
@ApplicationScoped
public class ConsolidationMetrics {
    /** Counter: consolidations by outcome (planned, done, cancelled, failed). */
    public static final String RUNS = "fleet_consolidation_runs";
    /** Counter: make-before-break moves of consolidations that completed. */
    public static final String MOVES = "fleet_consolidation_moves";
    /** Counter: hosts consolidations left empty. */
    public static final String HOSTS_FREED = "fleet_consolidation_hosts_freed";
    /**
     * Counter: consolidations the schedule started (their ends count in {@link #RUNS} as every other's).
     * A counter of its own rather than an origin tag on {@link #RUNS}: a new tag would change the existing series.
     */
    public static final String AUTO_STARTED = "fleet_consolidation_auto_started";

    @Inject
    MeterRegistry registry;

    private final Map<ConsolidationState, Counter> runs = new EnumMap<>(ConsolidationState.class);
    private Counter moves;
    private Counter hostsFreed;
    private Counter autoStarted;

    @PostConstruct
    void register() {
        for (ConsolidationState s : ConsolidationState.values()) {
            if (s != ConsolidationState.APPLYING) {
                runs.put(s, Counter.builder(RUNS).description("Site consolidations by how they ended (planned: a dry"
                                + " run; done, cancelled, failed: an applied one)")
                        .tag("outcome", s.name().toLowerCase(Locale.ROOT)).register(registry));
            }
        }
        moves = Counter.builder(MOVES).description("Make-before-break moves of site consolidations that completed")
                .register(registry);
        hostsFreed = Counter.builder(HOSTS_FREED).description("Hosts site consolidations left empty")
                .register(registry);
        autoStarted = Counter.builder(AUTO_STARTED).description("Site consolidations started by the schedule"
                + " (edgefleet.placement.consolidation.auto.interval), not by an operator").register(registry);
    }

    /** A consolidation reached {@code state} (APPLYING counts nothing: it is not an end). */
    void ended(ConsolidationState state) {
        Counter c = runs.get(state);
        if (c != null) {
            c.increment();
        }
    }

    void movesDone(long n) {
        moves.increment(n);
    }

    void hostsFreed(int n) {
        hostsFreed.increment(n);
    }

    void autoStarted() {
        autoStarted.increment();
    }
}
