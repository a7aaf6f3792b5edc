package io.edgefleet.agent.driver.qemu;

import io.edgefleet.agent.driver.MicroVmSpec;
import java.time.Instant;

/**
 * What the QEMU driver wrote down about one microVM ({@code <state-dir>/<id>/vm.json}): a pointer to the
 * truth (the process, its QMP socket), never the truth itself. Written before the VMM is launched, so a
 * restarted agent always finds the microVM's disk, taps and cgroup, and again with the pid once launched.
 *
 * @param spec            the spec it was created from
 * @param baseImageDigest the verified digest of the base image its disk was cloned from, or null before that
 * @param pid             the VMM's pid, 0 while not launched (then QEMU's pid file is the fallback)
 * @param startedAtMillis the VMM's start time (epoch ms), so a reused pid is never taken for it
 * @param createdAtMillis when the driver created it
 */
record QemuRecord(MicroVmSpec spec, String baseImageDigest, long pid, long startedAtMillis, long createdAtMillis) {

    Instant startedAt() {
        return Instant.ofEpochMilli(startedAtMillis);
    }

    Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }

    QemuRecord withImage(String digest) {
        return new QemuRecord(spec, digest, pid, startedAtMillis, createdAtMillis);
    }

    QemuRecord launched(long launchedPid, Instant at) {
        return new QemuRecord(spec, baseImageDigest, launchedPid, at.toEpochMilli(), createdAtMillis);
    }
}
