package io.edgefleet.placement.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the service's counters and timers under the names of {@link FleetMetrics}. Meters are
 * cached by tag values, so the hot path does a map lookup, not a registry lookup.
 */
@Startup
@ApplicationScoped
public class PlacementMetrics {
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(5)};

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile java.util.concurrent.atomic.AtomicLong reportClockLag;

    /**
     * Each consumer's causes of a batch retry (the batch processors count them). Their counters are
     * exported at 0 from the start: a retry is rare, and a series that appears only with the first
     * one leaves rates, alerts and panels without data until then.
     */
    private static final Map<String, List<String>> RETRY_CAUSES = Map.of(
            "requests", List.of("concurrent_allocation", "database", "error", "poison_record", "skipped_record"),
            "reports", List.of("concurrent_allocation", "database", "error", "skipped_record"));

    @PostConstruct
    void exportRetriesFromTheStart() {
        RETRY_CAUSES.forEach((consumer, causes) -> causes.forEach(cause -> counter(FleetMetrics.BATCH_RETRIES,
                FleetMetrics.TAG_CONSUMER, consumer, FleetMetrics.TAG_CAUSE, cause)));
    }

    /** One request's outcome; {@code reason} is the rejection code, or "none". */
    public void request(String outcome, String kind, String reason) {
        counter(FleetMetrics.REQUESTS, FleetMetrics.TAG_OUTCOME, outcome, FleetMetrics.TAG_KIND, kind,
                FleetMetrics.TAG_REASON, reason == null ? "none" : reason).increment();
    }

    public void deadLetter(String topic, String code) {
        counter(FleetMetrics.DEAD_LETTERS, FleetMetrics.TAG_TOPIC, topic, FleetMetrics.TAG_CODE, code).increment();
    }

    public void decision(String kind, long nanos) {
        timer(FleetMetrics.DECISION, FleetMetrics.TAG_KIND, kind).record(Duration.ofNanos(nanos));
    }

    public void requestToPlan(long millis) {
        timer(FleetMetrics.REQUEST_TO_PLAN).record(Duration.ofMillis(Math.max(0, millis)));
    }

    public void batch(String consumer, long nanos) {
        timer(FleetMetrics.BATCH, FleetMetrics.TAG_CONSUMER, consumer).record(Duration.ofNanos(nanos));
    }

    public void batchRetry(String consumer, String cause) {
        counter(FleetMetrics.BATCH_RETRIES, FleetMetrics.TAG_CONSUMER, consumer, FleetMetrics.TAG_CAUSE, cause)
                .increment();
    }

    public void published(String topic, int count) {
        counter(FleetMetrics.OUTBOX_PUBLISHED, FleetMetrics.TAG_TOPIC, topic).increment(count);
    }

    public void publishLag(long millis) {
        timer(FleetMetrics.OUTBOX_PUBLISH_LAG).record(Duration.ofMillis(Math.max(0, millis)));
    }

    public void lifecycle(String action) {
        counter(FleetMetrics.LIFECYCLE, FleetMetrics.TAG_ACTION, action).increment();
    }

    /** Heartbeats of a committed batch; {@code write} is "liveness", "inventory" or "stale_inventory". */
    public void heartbeats(String write, int count) {
        if (count > 0) {
            counter(FleetMetrics.HEARTBEATS, FleetMetrics.TAG_WRITE, write).increment(count);
        }
    }

    /** Seconds the report clock trailed the present at a lifecycle sweep (oldest partition). */
    public void reportClockLag(double seconds) {
        if (reportClockLag == null) {
            synchronized (this) {
                if (reportClockLag == null) {
                    reportClockLag = new java.util.concurrent.atomic.AtomicLong();
                    io.micrometer.core.instrument.Gauge.builder(FleetMetrics.REPORT_CLOCK_LAG,
                                    reportClockLag, v -> v.get() / 1000.0)
                            .description(FleetMetrics.help(FleetMetrics.REPORT_CLOCK_LAG)).baseUnit("seconds")
                            .register(registry);
                }
            }
        }
        reportClockLag.set(Math.round(Math.max(0, seconds) * 1000));
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).description(FleetMetrics.help(name))
                .tags(tags).register(registry));
    }

    private Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).description(FleetMetrics.help(name)).tags(tags)
                .publishPercentileHistogram(false).serviceLevelObjectives(SLOS).register(registry));
    }

    private static String key(String name, String... tags) {
        return name + "|" + String.join("|", tags);
    }
}
