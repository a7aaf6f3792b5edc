package io.edgefleet.events.outcome;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.validation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Placement refused a request ({@code io.edgefleet.request.rejected.v1}).
 *
 * <p>{@code siteId}, {@code kind} and {@code subjectId} are {@code null} when the request was too
 * broken to tell them.
 *
 * @param requestId  the request's id, see {@link io.edgefleet.events.CloudEvent#requestId()}
 * @param siteId     the site, if known
 * @param kind       what was asked, if known
 * @param subjectId  the cluster or network function id, if known
 * @param code       machine-readable reason, e.g. {@link #INVALID_REQUEST} or {@code INSUFFICIENT_CAPACITY}
 * @param message    a sentence an operator understands
 * @param paths      the JSON paths (or header names) at fault; empty when no field is to blame
 * @param rejectedAt when it was rejected
 * @param team       the team the request named, if it could be read: lets the read side show a team its own
 *                   refused requests (a refused network function has no status of its own)
 */
public record RequestRejected(
        String requestId,
        String siteId,
        RequestKind kind,
        String subjectId,
        String code,
        String message,
        List<String> paths,
        Instant rejectedAt,
        String team) implements EventPayload {

    /** The code for a request that failed validation; {@code paths} lists every field at fault. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    public RequestRejected {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** A rejection that names no team (its request's team could not be read). */
    public RequestRejected(String requestId, String siteId, RequestKind kind, String subjectId, String code,
                           String message, List<String> paths, Instant rejectedAt) {
        this(requestId, siteId, kind, subjectId, code, message, paths, rejectedAt, null);
    }

    /**
     * The rejection of a request that failed validation: the message lists every violation,
     * one per line, so an operator fixes everything in one go.
     */
    public static RequestRejected invalid(
            String requestId, String siteId, RequestKind kind, String subjectId,
            List<Violation> violations, Instant rejectedAt) {
        String message = violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
        List<String> paths = violations.stream().map(Violation::path).distinct().toList();
        return new RequestRejected(requestId, siteId, kind, subjectId, INVALID_REQUEST, message, paths, rejectedAt);
    }

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return subjectId;
    }
}
