package io.edgefleet.api.view;

import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import java.time.Instant;
import java.util.List;

/**
 * A request's one outcome, as the API shows it. {@code kind}, {@code subjectId} and {@code siteId} are {@code null}
 * when placement could not tell them (a rejection of a request too broken to read; the contract allows it).
 */
public record RequestOutcome(String requestId, String status, String kind, String subjectId, String siteId,
                             String code, String message, List<String> paths, Instant decidedAt) {
    static RequestOutcome accepted(RequestAccepted a, SharedStrings strings) {
        return new RequestOutcome(a.requestId(), "ACCEPTED", name(a.kind()), a.subjectId(), strings.of(a.siteId()),
                null, null, List.of(), a.acceptedAt());
    }

    static RequestOutcome rejected(RequestRejected r, SharedStrings strings) {
        return new RequestOutcome(r.requestId(), "REJECTED", name(r.kind()), r.subjectId(), strings.of(r.siteId()),
                strings.of(r.code()), r.message(), r.paths(), r.rejectedAt());
    }

    private static String name(RequestKind kind) {
        return kind == null ? null : kind.name();
    }
}
