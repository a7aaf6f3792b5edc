package io.edgefleet.placement.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the cluster secrets issuer refuses to run (the secrets topic's partitions do not match the
 * plans'), so a misconfigured topic shows on the probes, not only in one log line. UP when the issuer runs
 * or is switched off (no key-encryption key configured).
 */
@Readiness
@ApplicationScoped
public class SecretsHealthCheck implements HealthCheck {
    @Inject
    ClusterSecretsIssuer issuer;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("placement-cluster-secrets")
                .withData("state", issuer.state().name());
        return issuer.state() == ClusterSecretsIssuer.State.REFUSED
                ? r.down().withData("error", String.valueOf(issuer.refusal())).build()
                : r.up().build();
    }
}
