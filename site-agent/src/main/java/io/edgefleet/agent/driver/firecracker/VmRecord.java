package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.MicroVmSpec;
import java.time.Instant;

/**
 * What the driver wrote down about one microVM, in {@code <state-dir>/<id>/vm.json}: enough to find
 * its process and socket again after an agent restart. It is a pointer to the truth, not the truth:
 * the state is always measured from the process and its API socket.
 *
 * @param spec          the spec it was created from
 * @param pid           the VMM process id, 0 if no process was started
 * @param startedAtMillis the process start time (epoch ms), to tell it from a later process reusing the pid
 * @param socketPath    the API socket as seen from the host
 * @param jailDir       the jail directory to remove on delete, or null without the jailer
 * @param createdAtMillis when the driver created it
 * @param bootedAtMillis  when InstanceStart succeeded, 0 if not yet
 */
record VmRecord(MicroVmSpec spec, long pid, long startedAtMillis, String socketPath, String jailDir,
                long createdAtMillis, long bootedAtMillis) {

    Instant startedAt() {
        return Instant.ofEpochMilli(startedAtMillis);
    }

    VmRecord booted(Instant at) {
        return new VmRecord(spec, pid, startedAtMillis, socketPath, jailDir, createdAtMillis, at.toEpochMilli());
    }
}
