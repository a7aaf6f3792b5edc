package io.edgefleet.placement.health;

import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.placement.consolidation.AutoConsolidation;
import io.edgefleet.placement.lifecycle.LifecycleSweeper;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.secrets.ClusterSecretsIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while placement's own loops run: the outbox relay (every outcome and plan leaves through it), the lifecycle
 * sweeper (marks silent hosts DOWN, evacuates them), the cluster secrets issuer and, when scheduled, the automatic
 * consolidation. One of them dead (an error its loop does not catch) or stuck leaves the process up but useless;
 * DOWN here makes Kubernetes restart it.
 */
@Liveness
@ApplicationScoped
public class LoopsHealthCheck implements HealthCheck {
    @Inject
    OutboxRelay relay;
    @Inject
    LifecycleSweeper sweeper;
    @Inject
    ClusterSecretsIssuer secretsIssuer;
    @Inject
    AutoConsolidation autoConsolidation;

    @Override
    public HealthCheckResponse call() {
        List<LoopPulse> pulses = new ArrayList<>(List.of(relay.pulse(), secretsIssuer.pulse()));
        sweeper.pulse().ifPresent(pulses::add);
        autoConsolidation.pulse().ifPresent(pulses::add);
        LoopPulse.Verdict verdict = LoopPulse.verdict(pulses);
        HealthCheckResponseBuilder r = HealthCheckResponse.named("placement-loops").withData("loops", verdict.loops());
        return verdict.healthy() ? r.up().build() : r.down().withData("error", verdict.problems()).build();
    }
}
