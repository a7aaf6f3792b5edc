package io.edgefleet.agent.driver.simulated;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.time.Instant;

/**
 * One simulated microVM: what it was asked to be and where its boot stands. Immutable; the driver
 * replaces it on every change. Times are epoch milliseconds so the state file stays plain JSON.
 *
 * @param spec          the spec it was created from
 * @param state         the state as of {@code sinceMillis}; CREATING means "booting until bootDoneAtMillis"
 * @param reason        why it is in that state
 * @param sinceMillis   when it entered that state
 * @param bootDoneAtMillis when its boot ends (meaningful while CREATING)
 * @param bootWillFail  whether that boot ends in FAILED (decided at creation by the failure injection)
 * @param attempt       which creation of this id it is (1, 2, ...), for the failure draws
 */
record SimulatedVm(MicroVmSpec spec, MicroVmState state, String reason, long sinceMillis,
                   long bootDoneAtMillis, boolean bootWillFail, int attempt) {

    /** The VM as it is at {@code nowMillis}: a boot whose time has come has ended. */
    SimulatedVm at(long nowMillis) {
        if (state != MicroVmState.CREATING || nowMillis < bootDoneAtMillis) {
            return this;
        }
        return bootWillFail
                ? new SimulatedVm(spec, MicroVmState.FAILED, "simulated boot failure on host " + spec.hostId()
                        + " (failure injection, attempt " + attempt + ")", bootDoneAtMillis, bootDoneAtMillis, true, attempt)
                : new SimulatedVm(spec, MicroVmState.RUNNING, "", bootDoneAtMillis, bootDoneAtMillis, false, attempt);
    }

    SimulatedVm with(MicroVmState newState, String newReason, long nowMillis) {
        return new SimulatedVm(spec, newState, newReason, nowMillis, bootDoneAtMillis, bootWillFail, attempt);
    }

    MicroVmStatus status() {
        return new MicroVmStatus(spec.microVmId(), spec.hostId(), state, reason, Instant.ofEpochMilli(sinceMillis));
    }
}
