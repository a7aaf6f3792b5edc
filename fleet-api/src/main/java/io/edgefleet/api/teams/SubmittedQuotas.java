package io.edgefleet.api.teams;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last quota this process submitted per team, with its request id (see {@link TeamQuotaView}). */
@ApplicationScoped
public class SubmittedQuotas {
    /** One submission. */
    public record Submission(String requestId, QuotaLimits limits) {
    }

    private final Map<String, Submission> byTeam = new ConcurrentHashMap<>();

    public void submitted(String team, String requestId, QuotaLimits limits) {
        byTeam.put(team, new Submission(requestId, limits));
    }

    public Optional<Submission> last(String team) {
        return Optional.ofNullable(byTeam.get(team));
    }
}
