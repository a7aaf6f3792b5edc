package io.edgefleet.placement.engine;

import java.util.Objects;

/**
 * A host that is in use and stays in use after a repack, and why it could not be emptied:
 * the first holder that found no other host, or the rule that keeps the host as it is.
 *
 * @param hostId the host
 * @param reason code and a sentence for an operator
 */
public record KeptHost(String hostId, Rejection reason) {

    public KeptHost {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(reason, "reason");
    }
}
