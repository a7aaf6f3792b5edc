package io.edgefleet.agent.driver.vmm;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One lock per microVM id, shared by a VMM driver's operations: changes to one microVM are serialized,
 * changes to different microVMs run in parallel, and a listing never waits for a busy microVM.
 */
public final class VmLocks {

    /** Work on one microVM's state directory and processes. */
    public interface Work<T> {
        T run() throws IOException;
    }

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code work} holding the microVM's lock; an I/O failure of its state directory becomes unchecked, naming the microVM. */
    public <T> T exclusive(String microVmId, Work<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(microVmId, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException("microVM " + microVmId + ": cannot use its state directory", e);
        } finally {
            lock.unlock();
        }
    }

    /** Measures each microVM that is not being changed right now; a busy one reads as CREATING (never waited for). */
    public List<MicroVmStatus> measureAll(List<String> ids, String hostId, Function<String, MicroVmStatus> measure) {
        return ids.stream().map(id -> {
            ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
            if (!lock.tryLock()) {
                return new MicroVmStatus(id, hostId, MicroVmState.CREATING, "being changed by the agent right now", Instant.now());
            }
            try {
                return measure.apply(id);
            } finally {
                lock.unlock();
            }
        }).toList();
    }

    /** One microVM of a driver's state directory, measured unless busy (then CREATING); empty when it does not exist. */
    public Optional<MicroVmStatus> measureOne(VmDirectory<?> dirs, String microVmId, String hostId,
                                              Function<String, MicroVmStatus> measure) {
        MicroVmSpec.checkId(microVmId);
        return dirs.exists(microVmId) ? measureAll(List.of(microVmId), hostId, measure).stream().findFirst() : Optional.empty();
    }
}
