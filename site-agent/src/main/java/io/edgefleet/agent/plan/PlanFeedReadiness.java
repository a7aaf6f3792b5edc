package io.edgefleet.agent.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the agent follows its plan partition (the broker answered and the topic exists). */
@Readiness
@ApplicationScoped
public class PlanFeedReadiness implements HealthCheck {
    @Inject
    PlanFeed feed;

    @Override
    public HealthCheckResponse call() {
        int partition = feed.assignedPartition();
        return HealthCheckResponse.named("plan-feed").status(partition >= 0)
                .withData("partition", partition).withData("recordsRead", feed.recordsRead()).build();
    }
}
