package io.edgefleet.api.view;

import io.edgefleet.api.rest.ProblemException;
import java.util.List;

/**
 * The outcome of a request that fleet-api held and no longer holds: it left the outcome window (docs/adr/0028).
 * Answered 410 Gone as a problem detail, so a caller learns that polling again will not help and where to look
 * instead; an id fleet-api never saw stays a 404.
 */
public class OutcomeAgedOut extends ProblemException {
    public OutcomeAgedOut(String requestId, String window, String oldestHeld) {
        super(410, "Gone", "the outcome of request " + requestId + " is older than fleet-api's outcome window and"
                + " no longer held: outcomes are kept for " + window + "; the oldest held now was published "
                + oldestHeld + ". What the request did shows in the status of its cluster or network function.",
                List.of());
    }
}
