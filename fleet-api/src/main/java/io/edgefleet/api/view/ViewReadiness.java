package io.edgefleet.api.view;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} is DOWN until the view feed has read every partition it reads up to where it ended when
 * the feed started ({@link CatchUp}): before that, fleet-api would answer from a partial replay (clusters missing,
 * stale statuses, outcomes not there yet). The data name the records still to read per topic.
 */
@Readiness
@ApplicationScoped
public class ViewReadiness implements HealthCheck {
    static final String NAME = "fleet-api-view";

    @Inject
    ViewFeed feed;

    @Override
    public HealthCheckResponse call() {
        return of(feed.catchUp(), feed.lastError());
    }

    static HealthCheckResponse of(CatchUp catchUp, String lastError) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (catchUp == null) {
            return response.down().withData("reason", "the view feed has not been assigned its partitions yet"
                    + (lastError == null || lastError.isEmpty() ? "" : ": " + lastError)).build();
        }
        catchUp.behindByTopic().forEach((topic, records) -> response.withData("behind " + topic, records));
        return response.status(catchUp.done()).build();
    }
}
