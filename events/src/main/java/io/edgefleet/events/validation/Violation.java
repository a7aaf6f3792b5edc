package io.edgefleet.events.validation;

import java.util.Objects;

/**
 * One problem with an event, for an operator to fix.
 *
 * <p>Paths are JSONPath-style from the payload root: {@code $} is the payload,
 * {@code $.controlPlane.replicas}, {@code $.hosts[0].numaNodes[1].cores}, and
 * {@code $.labels['app.kubernetes.io/name']} for a name that is not a plain identifier.
 * A problem with a Kafka header has the header name as its path, e.g. {@code ce_type}.
 *
 * @param path    where the problem is
 * @param code    what kind of problem
 * @param message what is wrong, in words, with the offending value where it helps
 */
public record Violation(String path, ViolationCode code, String message) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The same violation seen from an enclosing document: {@code $.a} under {@code $.data} is
     * {@code $.data.a}. Header paths (not starting with {@code $}) are left as they are.
     */
    public Violation under(String prefix) {
        if (!path.startsWith("$")) {
            return this;
        }
        return new Violation(prefix + path.substring(1), code, message);
    }

    /** {@code path: message}, e.g. {@code $.controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
