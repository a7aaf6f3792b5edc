package io.edgefleet.api.view;

import io.edgefleet.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fleet-api's read-side meters (docs/metrics.md): records read and unreadable and the lag per topic, and the outcome
 * window (held, evicted, how far back it reaches). Every topic the feed reads has its meters from the start, at 0,
 * so that a rate or an alert on them has a series before the first event.
 */
@ApplicationScoped
public class ViewMetrics {
    /** Every topic the view feed reads. */
    static final List<String> TOPICS = List.of(Topics.CLUSTER_STATUS, Topics.REQUEST_OUTCOMES, Topics.SITE_PLANS,
            Topics.CLUSTER_SECRETS, Topics.SITE_REPORTS);

    @Inject
    MeterRegistry registry;
    @Inject
    FleetView view;

    private final Map<String, Counter> read = new HashMap<>();
    private final Map<String, Counter> unreadable = new HashMap<>();
    private final Map<String, AtomicLong> lag = new HashMap<>();
    private Counter deadLettersFailed;

    @PostConstruct
    void register() {
        for (String topic : TOPICS) {
            read.put(topic, Counter.builder("fleet_api_view_records_read")
                    .description("Records the view feed read, tombstones and unreadable ones included")
                    .tag("topic", topic).register(registry));
            unreadable.put(topic, Counter.builder("fleet_api_view_records_unreadable")
                    .description("Records the view could not read or apply; each went to " + Topics.DEAD_LETTERS)
                    .tag("topic", topic).register(registry));
            AtomicLong behind = new AtomicLong();
            lag.put(topic, behind);
            Gauge.builder("fleet_api_view_lag_records", behind, AtomicLong::get)
                    .description("Records published on the topic that the view feed has not read yet (sum over its"
                            + " partitions, as of the last poll)")
                    .tag("topic", topic).strongReference(true).register(registry);
        }
        deadLettersFailed = Counter.builder("fleet_api_view_dead_letters_failed")
                .description("Unreadable records whose dead letter the broker did not accept (they are only logged)")
                .register(registry);
        Gauge.builder("fleet_api_view_outcomes_held", view, FleetView::outcomesHeld)
                .description("Request outcomes held for GET /api/v1/requests/{id}")
                .strongReference(true).register(registry);
        for (String reason : List.of("age", "count")) {
            FunctionCounter.builder("fleet_api_view_outcomes_evicted", view, v -> v.outcomesEvicted(reason))
                    .description("Outcomes that left the window: older than edgefleet.api.outcomes.max-age (age), or"
                            + " beyond the newest edgefleet.api.outcomes.max-entries (count)")
                    .tag("reason", reason).register(registry);
        }
        Gauge.builder("fleet_api_view_outcomes_reach_seconds", view, FleetView::outcomesReachSeconds)
                .description("Age of the oldest outcome held: how far back GET /api/v1/requests/{id} answers now")
                .strongReference(true).register(registry);
    }

    void read(String topic, int records) {
        Counter c = read.get(topic);
        if (c != null) {
            c.increment(records);
        }
    }

    void unreadable(String topic) {
        Counter c = unreadable.get(topic);
        if (c != null) {
            c.increment();
        }
    }

    void lag(String topic, long records) {
        AtomicLong behind = lag.get(topic);
        if (behind != null) {
            behind.set(records);
        }
    }

    void deadLetterFailed() {
        deadLettersFailed.increment();
    }
}
