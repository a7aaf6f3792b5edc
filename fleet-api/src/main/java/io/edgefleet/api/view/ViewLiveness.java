package io.edgefleet.api.view;

import io.edgefleet.servicekit.LoopPulse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live} is DOWN when the view feed's thread has ended (an error its loop does not catch) or has not
 * polled for minutes: fleet-api would stay up answering from a view that no longer moves, so it is restarted instead.
 */
@Liveness
@ApplicationScoped
public class ViewLiveness implements HealthCheck {
    @Inject
    ViewFeed feed;

    @Override
    public HealthCheckResponse call() {
        LoopPulse.Verdict verdict = LoopPulse.verdict(List.of(feed.pulse()));
        HealthCheckResponseBuilder r = HealthCheckResponse.named("fleet-api-loops").withData("loops", verdict.loops());
        return verdict.healthy() ? r.up().build() : r.down().withData("error", verdict.problems()).build();
    }
}
