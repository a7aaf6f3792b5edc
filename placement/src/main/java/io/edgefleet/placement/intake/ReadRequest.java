package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.validation.Violation;
import java.util.List;

/** One record of the request topic as {@link RequestReader} read it: to decide, to refuse, or a dead letter. */
sealed interface ReadRequest {

    /** A request that keeps the contract: decide it. */
    record Decidable(CloudEvent<EventPayload> event) implements ReadRequest {
    }

    /**
     * A request that names itself but breaks the contract: it is answered with a RequestRejected
     * listing every problem, and never decided.
     *
     * @param team the team its payload names, if the payload could be read; null otherwise
     */
    record Refused(RequestIdentity identity, String team, List<Violation> violations) implements ReadRequest {
        public Refused {
            violations = List.copyOf(violations);
        }

        Outcome outcome() {
            String message = violations.size() + " problem" + (violations.size() == 1 ? "" : "s")
                    + " in the request: " + String.join("; ", violations.stream().map(Violation::toString).toList());
            return Outcome.reject(RequestRejected.INVALID_REQUEST, message,
                    violations.stream().map(Violation::path).distinct().toList());
        }
    }

    /** Not a request anyone can be answered about (no id, not JSON, not a request type): a dead letter. */
    record Unanswerable(String code, List<Violation> violations) implements ReadRequest {
        public Unanswerable {
            violations = List.copyOf(violations);
        }
    }
}
