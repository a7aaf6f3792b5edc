package io.edgefleet.agent.nodeconfig;

/**
 * The memory a node host keeps away from Kubernetes pods, in MiB, as the kubelet's Node Allocatable sees it.
 *
 * @param systemMib       the host's own share (operating system, agent, hypervisor overhead): the inventory's
 *                        {@code reserved.memoryMib}
 * @param microVmMib      ordinary memory the host's microVMs may take. MicroVMs run beside the kubelet, outside
 *                        Kubernetes, so for the kubelet they are system daemons: this is added to
 *                        {@code systemReserved}, the same way their cores join {@code reservedSystemCPUs}
 * @param kubeMib         {@code kubeReserved}: kubelet and container runtime
 * @param evictionHardMib the {@code memory.available} hard eviction threshold
 */
public record MemoryReserve(long systemMib, long microVmMib, long kubeMib, long evictionHardMib) {

    /** Kubelet and containerd on a node with few, large pods stay well below this. */
    public static final long DEFAULT_KUBE_MIB = 1024;
    /** Above the kubelet's own default of 100Mi: a node host also carries microVMs whose use moves fast. */
    public static final long DEFAULT_EVICTION_HARD_MIB = 500;

    public MemoryReserve {
        requireNotNegative("systemReserved", systemMib);
        requireNotNegative("systemReserved (microVM share)", microVmMib);
        requireNotNegative("kubeReserved", kubeMib);
        if (evictionHardMib <= 0) {
            // Zero would switch hard eviction on memory off; the node would run into the kernel's OOM killer.
            throw new IllegalArgumentException("evictionHard: memory.available must be above 0 MiB, got " + evictionHardMib);
        }
    }

    /** The host's share and its microVMs' memory, with the default kubelet reserve and eviction threshold. */
    public static MemoryReserve withDefaults(long systemMib, long microVmMib) {
        return new MemoryReserve(systemMib, microVmMib, DEFAULT_KUBE_MIB, DEFAULT_EVICTION_HARD_MIB);
    }

    /** What the kubelet's {@code systemReserved.memory} holds: the host's share and its microVMs'. */
    public long systemReservedMib() {
        return systemMib + microVmMib;
    }

    /**
     * What the reservations of all NUMA nodes must add up to for the Static memory manager:
     * kube-reserved + system-reserved + the hard eviction threshold.
     */
    public long totalMib() {
        return systemReservedMib() + kubeMib + evictionHardMib;
    }

    private static void requireNotNegative(String field, long mib) {
        if (mib < 0) {
            throw new IllegalArgumentException(field + ": memory must not be negative, got " + mib + " MiB");
        }
    }
}
