package io.edgefleet.api.capacity;

import java.util.Map;

/**
 * One NUMA node: pinnable cores, memory for NUMA-bound holders (network functions), 1 GiB
 * hugepages and SR-IOV VFs per physical network. The host system's reserve comes from node 0
 * first, as placement books it. Memory {@code free} is also capped by the host's free memory,
 * since microVM memory can come from any node.
 */
public record NumaCapacity(int index, Amount cores, Amount memoryMib, Amount hugepages1Gi,
                           Map<String, Amount> vfsByPhysnet) {
}
