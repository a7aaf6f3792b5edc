package io.edgefleet.api.gitops;

import io.edgefleet.servicekit.LoopPulse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live} is DOWN when the GitOps intake's thread has ended or has not gone round for minutes: specs
 * committed would silently never be asked for. Always UP when the intake is off. A poll that fails (remote or Kafka
 * unreachable) still turns the loop: restarting fleet-api would not cure either.
 */
@Liveness
@ApplicationScoped
public class GitOpsLiveness implements HealthCheck {
    @Inject
    GitOpsWatcher watcher;

    @Override
    public HealthCheckResponse call() {
        LoopPulse.Verdict verdict = LoopPulse.verdict(List.of(watcher.pulse()));
        HealthCheckResponseBuilder r = HealthCheckResponse.named("fleet-api-gitops").withData("loops", verdict.loops());
        return verdict.healthy() ? r.up().build() : r.down().withData("error", verdict.problems()).build();
    }
}
