package io.edgefleet.placement.engine.model;

/**
 * Share of a host kept for the host OS, the site agent and the Firecracker VMMs.
 * It is taken from the NUMA nodes in index order (node 0 first), because housekeeping CPUs
 * and kernel memory conventionally live on the first node and isolated cores on the others.
 *
 * @param cores     physical cores never given to workloads
 * @param memoryMib memory (normal pages) never given to workloads
 */
public record SystemReserve(int cores, long memoryMib) {

    /** No reserve at all; for tests and benchmarks that model bare capacity. */
    public static final SystemReserve NONE = new SystemReserve(0, 0);

    public SystemReserve {
        if (cores < 0 || memoryMib < 0) {
            throw new IllegalArgumentException("reserve must be >= 0");
        }
    }
}
