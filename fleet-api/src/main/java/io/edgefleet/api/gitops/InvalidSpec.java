package io.edgefleet.api.gitops;

/** A spec file that cannot be made into a request; {@code reason} is {@code yaml} or {@code spec}, as metered. */
final class InvalidSpec extends Exception {
    private final String reason;

    InvalidSpec(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
