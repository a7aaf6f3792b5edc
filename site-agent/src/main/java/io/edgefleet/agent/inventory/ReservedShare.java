package io.edgefleet.agent.inventory;

/**
 * What a host keeps for itself (operating system, agent, hypervisor overhead), never handed to workloads.
 *
 * @param cores     physical cores reserved
 * @param memoryMib memory reserved, in MiB
 */
public record ReservedShare(int cores, long memoryMib) {

    public ReservedShare {
        if (cores < 0 || memoryMib < 0) {
            throw new IllegalArgumentException("reserved share must not be negative");
        }
    }
}
