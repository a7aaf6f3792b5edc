package io.edgefleet.placement.engine;

import java.util.Objects;

/**
 * Why a decision was refused.
 *
 * @param code    stable code, for machines
 * @param message one sentence for an operator, naming the site and the closest candidate
 */
public record Rejection(RejectionCode code, String message) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
