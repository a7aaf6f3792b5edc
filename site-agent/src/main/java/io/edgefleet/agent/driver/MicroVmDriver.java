package io.edgefleet.agent.driver;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drives the microVMs of one site's hosts. The reconciler's only way to touch a microVM.
 *
 * <p>Contract, shared by every adapter:
 * <ul>
 *   <li>Every method is idempotent and reports what it <em>measured</em>, never what it hoped:
 *       a status comes from the hypervisor (or its simulation) at the time of the call.</li>
 *   <li>{@link MicroVmState#FAILED} is terminal for one incarnation of a microVM: a second
 *       {@link #create} of a failed id returns the same failure. To try again, {@link #delete}
 *       it, then create it again. This keeps "create" from silently re-launching a VM whose
 *       problem nobody looked at.</li>
 *   <li>Errors that concern a microVM (bad spec, no capacity, hypervisor fault) come back as a
 *       FAILED status with a reason an operator understands; exceptions are reserved for
 *       programming errors (null arguments, malformed ids).</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface MicroVmDriver {

    /** The microVMs that exist now, measured now (never a cache of earlier answers). */
    List<MicroVmStatus> list();

    /**
     * Creates, configures and boots a microVM. If one with this id already exists, does nothing
     * and returns its measured status (so a retried or duplicated plan never makes a duplicate).
     */
    MicroVmStatus create(MicroVmSpec spec);

    /** Stops a microVM (keeps its state so it can be inspected); stopping a stopped or unknown id is a no-op. */
    MicroVmStatus stop(String microVmId);

    /** Stops the microVM if it runs and removes everything it left behind; unknown ids are a no-op. */
    void delete(String microVmId);

    /** The measured status of one microVM, empty if it does not exist. */
    default Optional<MicroVmStatus> status(String microVmId) {
        return list().stream().filter(s -> s.microVmId().equals(microVmId)).findFirst();
    }

    /**
     * Keeps the vCPUs of every microVM on {@code hostId}, now and later, off the system's reserved cores
     * (the host's lowest {@code reservedCores} online CPUs) and off {@code pinnedCores} (the exact CPU ids
     * pinned to network functions there). Drivers that cannot confine (the simulation) ignore it;
     * {@link #isolation} says so.
     */
    default void keepMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
    }

    /** Whether the microVMs of {@code hostId} are already kept off exactly those cores (true where nothing can be confined). */
    default boolean keepsMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        return true;
    }

    /** How microVMs on {@code hostId} are isolated, in words for the start-up log and the heartbeat. */
    default String isolation(String hostId) {
        return "microVMs are NOT confined: this driver does not run real VMMs";
    }
}
