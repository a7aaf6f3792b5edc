package io.edgefleet.api.teams;

import io.edgefleet.api.view.RequestOutcome;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import java.time.Instant;

/**
 * What {@code GET /api/v1/teams/{team}/quota} answers: what the team uses and the limits placement holds
 * for it. Placement publishes a team's limits ({@code TeamQuotaChanged}, on the compacted status topic)
 * when it accepts a quota set, so every fleet-api replica shows the same limits, also after a restart.
 *
 * @param team    the team
 * @param usage   what the team holds, from the read side's site plans and cluster statuses
 * @param lastSet the limits placement holds, as last set; null when none was ever set for the team
 */
public record TeamQuotaView(String team, TeamUsage usage, LastSet lastSet) {

    /**
     * The limits placement holds for a team and the quota set that set them.
     *
     * @param requestId the request that set them
     * @param limits    the limits (null: none on that dimension)
     * @param changedAt when placement accepted them
     * @param outcome   that request's outcome (ACCEPTED) while it is within fleet-api's outcome window, else null
     */
    public record LastSet(String requestId, QuotaLimits limits, Instant changedAt, RequestOutcome outcome) {

        /** The limits as placement published them, with the request's outcome if the view still holds it. */
        public static LastSet of(TeamQuotaChanged held, RequestOutcome outcome) {
            return new LastSet(held.requestId(), new QuotaLimits(held.vcpu(), held.memoryMib(), held.pinnedCores(),
                    held.clusters()), held.changedAt(), outcome);
        }
    }
}
