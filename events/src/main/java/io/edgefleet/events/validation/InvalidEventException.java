package io.edgefleet.events.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown only by {@link Validated#orElseThrow()}, for callers that prefer an exception (e.g. a
 * consumer that sends the record to the dead-letter topic from its error handler).
 */
public class InvalidEventException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** Every violation, in the order found. */
    public List<Violation> violations() {
        return violations;
    }
}
