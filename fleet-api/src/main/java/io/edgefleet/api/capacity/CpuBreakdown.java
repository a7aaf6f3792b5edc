package io.edgefleet.api.capacity;

/**
 * A host's CPU as the dashboard draws it, in cores: reserved for the system, pinned by network
 * functions, used by shared microVM vCPUs ({@code vcpuUsed / allocationRatio}), and free.
 * The shared pool is every unreserved, unpinned core times the allocation ratio.
 */
public record CpuBreakdown(int totalCores, int reservedCores, int pinnedCores, double sharedCoresUsed,
                           double freeCores, double allocationRatio, long vcpuCapacity, long vcpuUsed,
                           long vcpuFree) {
}
