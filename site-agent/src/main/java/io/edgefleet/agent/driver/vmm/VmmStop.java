package io.edgefleet.agent.driver.vmm;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The stop of a VMM driver, measure then act, under the microVM's lock: an unknown id or a microVM
 * already STOPPED or FAILED is left as it is; otherwise the stop intent is written first (so the exiting
 * process reads as STOPPED, not FAILED), then the driver's own shutdown runs, and the result is measured.
 */
public final class VmmStop {
    private VmmStop() {
    }

    /**
     * @param measure  the driver's measurement of one microVM
     * @param shutDown the driver's shutdown of a recorded VMM; its flag says whether the guest was running
     */
    public static <R> MicroVmStatus stop(String microVmId, VmLocks locks, VmDirectory<R> dirs,
                                         Function<String, MicroVmStatus> measure, BiConsumer<R, Boolean> shutDown) {
        MicroVmSpec.checkId(microVmId);
        return locks.exclusive(microVmId, () -> {
            if (!dirs.exists(microVmId)) {
                return new MicroVmStatus(microVmId, "", MicroVmState.STOPPED, "no such microVM", Instant.now());
            }
            MicroVmStatus now = measure.apply(microVmId);
            if (now.state() == MicroVmState.STOPPED || now.state() == MicroVmState.FAILED) {
                return now;
            }
            dirs.markStopped(microVmId);
            shutDown.accept(dirs.read(microVmId).orElseThrow(), now.state() == MicroVmState.RUNNING);
            return measure.apply(microVmId);
        });
    }
}
