package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventType;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.util.Optional;

/**
 * A request's subject is the id its payload is about (the cluster, the network function, the
 * enrolled site), never what {@code ce_subject} says: the header is optional, and outcomes are
 * looked up by that subject, so they must always name it. A {@code ce_subject} that is sent must
 * repeat it; one naming something else is refused rather than trusted or silently overridden.
 */
final class RequestSubject {
    private RequestSubject() {
    }

    /** The payload field that holds the subject of a request type (what {@code subject()} returns), or null. */
    static String field(EventType type) {
        return switch (type) {
            case CLUSTER_REQUESTED, CLUSTER_SCALE_REQUESTED, CLUSTER_DELETE_REQUESTED, CLUSTER_UPGRADE_REQUESTED -> "clusterId";
            case NETWORK_FUNCTION_REQUESTED, NETWORK_FUNCTION_DELETE_REQUESTED -> "nfId";
            case SITE_ENROLL_REQUESTED, SITE_CONSOLIDATE_REQUESTED -> "siteId";
            case TEAM_QUOTA_SET -> "team";
            default -> null;
        };
    }

    /**
     * The violation of a {@code ce_subject} that names another id than the payload's subject; none
     * when the header is absent (or empty, as a header sent without a value reads) or agrees, or
     * when the payload has no subject to compare with (the validator reports that).
     */
    static Optional<Violation> mismatch(String ceSubject, EventType type, String payloadSubject) {
        String field = field(type);
        if (ceSubject == null || ceSubject.isEmpty() || payloadSubject == null || field == null
                || ceSubject.equals(payloadSubject)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(CloudEventHeaders.SUBJECT, ViolationCode.INCONSISTENT,
                "is " + Echo.quoted(ceSubject) + " but the payload's " + field + " is " + Echo.quoted(payloadSubject)
                        + " (a request's subject is its " + field + ": send ce_subject equal to it, or leave it out)"));
    }
}
