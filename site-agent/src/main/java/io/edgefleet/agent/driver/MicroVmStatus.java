package io.edgefleet.agent.driver;

import java.time.Instant;
import java.util.Objects;

/**
 * What the driver measured about one microVM.
 *
 * @param microVmId the microVM's id
 * @param hostId    the host it lives on
 * @param state     its measured state
 * @param reason    why it is in that state, in words an operator understands ({@code ""} if nothing to say)
 * @param since     when it entered that state, as well as the driver can tell
 */
public record MicroVmStatus(String microVmId, String hostId, MicroVmState state, String reason, Instant since) {

    public MicroVmStatus {
        Objects.requireNonNull(microVmId, "microVmId");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(since, "since");
    }

    /** A FAILED status with the given reason. */
    public static MicroVmStatus failed(String microVmId, String hostId, String reason, Instant since) {
        return new MicroVmStatus(microVmId, hostId, MicroVmState.FAILED, reason, since);
    }
}
