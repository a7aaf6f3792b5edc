package io.edgefleet.events.outcome;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * Placement accepted a request ({@code io.edgefleet.request.accepted.v1}); progress follows as
 * status events on {@code fleet.cluster-status.v1}.
 *
 * @param requestId  the request's id, see {@link io.edgefleet.events.CloudEvent#requestId()}
 * @param siteId     the site (for {@link RequestKind#TEAM_QUOTA_SET}, which concerns no site: the team)
 * @param kind       what was asked
 * @param subjectId  the cluster or network function id
 * @param acceptedAt when it was accepted
 */
public record RequestAccepted(String requestId, String siteId, RequestKind kind, String subjectId, Instant acceptedAt)
        implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return subjectId;
    }
}
