package io.edgefleet.agent.health;

import io.edgefleet.agent.plan.PlanFeed;
import io.edgefleet.agent.reconcile.Reconciler;
import io.edgefleet.agent.report.Heartbeats;
import io.edgefleet.agent.secrets.SecretsFeed;
import io.edgefleet.servicekit.LoopPulse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the agent's own loops run: the plan feed, heartbeats (their silence gets the host marked DOWN and
 * evacuated while its microVMs still run), reconcile runs and the cluster secrets feed. A loop that ended on an error it does not catch,
 * or hangs, makes {@code /q/health/live} DOWN naming it; the service manager or the monitoring sees it.
 */
@Liveness
@ApplicationScoped
public class LoopsHealthCheck implements HealthCheck {
    @Inject
    Heartbeats heartbeats;
    @Inject
    Reconciler reconciler;
    @Inject
    SecretsFeed secretsFeed;
    @Inject
    PlanFeed planFeed;

    @Override
    public HealthCheckResponse call() {
        List<LoopPulse> pulses = new ArrayList<>(List.of(planFeed.pulse(), reconciler.pulse(), secretsFeed.pulse()));
        heartbeats.pulse().ifPresent(pulses::add);
        LoopPulse.Verdict verdict = LoopPulse.verdict(pulses);
        HealthCheckResponseBuilder r = HealthCheckResponse.named("agent-loops").withData("loops", verdict.loops());
        return verdict.healthy() ? r.up().build() : r.down().withData("error", verdict.problems()).build();
    }
}
