package io.edgefleet.api.gitops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The GitOps intake's meters, {@code fleet_api_gitops_*} (docs/operate.md, "GitOps intake"): polls by outcome,
 * invalid spec files by reason, requests published or failed by action, changes that cannot be made in place, the
 * number of specs applied and when a poll last succeeded. Each counter is there at 0 from the start, so an alert can
 * compare it before anything went wrong.
 */
@ApplicationScoped
public class GitOpsMetrics {
    static final List<String> POLL_OUTCOMES = List.of("changed", "unchanged", "failed");
    static final List<String> INVALID_REASONS = List.of("yaml", "spec");
    static final List<String> ACTIONS = List.of("create", "scale", "upgrade", "delete");

    @Inject
    MeterRegistry registry;

    private final AtomicInteger specs = new AtomicInteger();
    private final AtomicLong lastSuccess = new AtomicLong();

    @PostConstruct
    void register() {
        POLL_OUTCOMES.forEach(o -> polls(o));
        INVALID_REASONS.forEach(r -> invalid(r));
        ACTIONS.forEach(a -> List.of("published", "failed").forEach(o -> requests(a, o)));
        notApplicable();
        Gauge.builder("fleet_api_gitops_specs", specs, AtomicInteger::get)
                .description("Spec files of the watched branch whose objects the GitOps intake has asked for")
                .register(registry);
        Gauge.builder("fleet_api_gitops_last_success_seconds", lastSuccess, AtomicLong::get)
                .description("When a GitOps poll last read the branch to its end, seconds since the epoch (0: never)")
                .baseUnit("seconds").register(registry);
    }

    private Counter polls(String outcome) {
        return Counter.builder("fleet_api_gitops_polls").tag("outcome", outcome)
                .description("GitOps polls: changed (a new head was read), unchanged (same head), failed (fetch or"
                        + " read failed, or a request could not be published; retried next poll)")
                .register(registry);
    }

    private Counter invalid(String reason) {
        return Counter.builder("fleet_api_gitops_specs_invalid").tag("reason", reason)
                .description("Spec files skipped because they are not YAML (yaml) or not a valid Cluster or"
                        + " NetworkFunction spec (spec); each is logged with its path and reason")
                .register(registry);
    }

    private Counter requests(String action, String outcome) {
        return Counter.builder("fleet_api_gitops_requests").tag("action", action).tag("outcome", outcome)
                .description("Requests the GitOps intake published (or failed to publish) for placement, by action")
                .register(registry);
    }

    private Counter notApplicable() {
        return Counter.builder("fleet_api_gitops_changes_not_applicable")
                .description("Changed spec fields that cannot change in place (reported in the log, not requested)")
                .register(registry);
    }

    void poll(String outcome) {
        polls(outcome).increment();
        if (!"failed".equals(outcome)) {
            lastSuccess.set(System.currentTimeMillis() / 1000);
        }
    }

    void invalidSpec(String reason) {
        invalid(reason).increment();
    }

    void request(String action, boolean published) {
        requests(action, published ? "published" : "failed").increment();
    }

    void notApplicable(int fields) {
        notApplicable().increment(fields);
    }

    void specs(int count) {
        specs.set(count);
    }
}
