package io.edgefleet.placement.intake;

import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.util.Optional;

/**
 * Requests are keyed by their site id, so that all requests for one site land in one partition and
 * are decided in the order they were sent, by one placement replica. A record keyed otherwise (or
 * not keyed) would be decided out of order with that site's other requests: it is refused.
 */
final class SiteKeyCheck {
    private SiteKeyCheck() {
    }

    /**
     * The violation of a record key that is not the payload's {@code siteId}; none when they agree or
     * when the payload names no site to compare with (the validator reports that).
     */
    static Optional<Violation> mismatch(String key, String payloadSiteId) {
        if (payloadSiteId == null || payloadSiteId.equals(key)) {
            return Optional.empty();
        }
        String keyed = key == null ? "the record has no key" : "the record key is " + Echo.quoted(key);
        return Optional.of(new Violation("$.siteId", ViolationCode.INCONSISTENT, keyed + " but the payload's siteId is "
                + Echo.quoted(payloadSiteId) + " (a request's record key must be its siteId, so that one site's requests"
                + " are decided in order)"));
    }
}
