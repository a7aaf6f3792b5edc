package io.edgefleet.api.view;

import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestRejected;
import java.time.Instant;
import java.util.List;

/** A request's one outcome, as the API shows it. */
public record RequestOutcome(String requestId, String status, String kind, String subjectId, String siteId,
                             String code, String message, List<String> paths, Instant decidedAt) {
    static RequestOutcome accepted(RequestAccepted a) {
        return new RequestOutcome(a.requestId(), "ACCEPTED", a.kind().name(), a.subjectId(), a.siteId(), null, null,
                List.of(), a.acceptedAt());
    }

    static RequestOutcome rejected(RequestRejected r) {
        return new RequestOutcome(r.requestId(), "REJECTED", r.kind().name(), r.subjectId(), r.siteId(), r.code(),
                r.message(), r.paths(), r.rejectedAt());
    }
}
