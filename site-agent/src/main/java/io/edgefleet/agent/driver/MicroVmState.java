package io.edgefleet.agent.driver;

/** Lifecycle of one microVM as the driver measured it. */
public enum MicroVmState {
    /** Exists, configured or booting, not yet running its guest. */
    CREATING,
    /** The hypervisor reports the guest running. */
    RUNNING,
    /** Stopped on purpose (by {@link MicroVmDriver#stop}); its state is kept until deleted. */
    STOPPED,
    /** Could not be created or booted, or died unexpectedly; the status reason says why. */
    FAILED,
    /**
     * Its process exists but could not be measured just now (e.g. the API socket did not answer in
     * time). Not a failure: do not act on it, measure again later. Reporting FAILED here would invite
     * a reconciler to delete a microVM that may be running fine.
     */
    UNKNOWN;

    /** Whether a microVM in this state holds host resources (vCPUs, memory, disk). */
    public boolean holdsResources() {
        return this == CREATING || this == RUNNING || this == UNKNOWN;
    }
}
