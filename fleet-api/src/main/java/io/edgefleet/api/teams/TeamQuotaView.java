package io.edgefleet.api.teams;

import io.edgefleet.api.view.RequestOutcome;

/**
 * What {@code GET /api/v1/teams/{team}/quota} answers. Placement keeps the limits and enforces them;
 * the read side has no feed of them, so {@code lastSet} is the last quota this fleet-api process
 * submitted for the team (null when none since it started), with placement's outcome once known.
 *
 * @param team    the team
 * @param usage   what the team holds, from the read side's site plans and cluster statuses
 * @param lastSet the limits last submitted here, or null
 */
public record TeamQuotaView(String team, TeamUsage usage, LastSet lastSet) {

    /**
     * A quota submitted through this process.
     *
     * @param requestId the request's id
     * @param limits    the limits it asked for
     * @param outcome   placement's outcome, null while pending (or once it left the outcome window)
     */
    public record LastSet(String requestId, QuotaLimits limits, RequestOutcome outcome) {
    }
}
