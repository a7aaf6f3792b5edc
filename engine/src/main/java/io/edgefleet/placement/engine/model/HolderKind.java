package io.edgefleet.placement.engine.model;

/** What an {@link Allocation} is held by. */
public enum HolderKind {
    /** A control-plane microVM of a cluster (shared vCPUs, not NUMA-bound). */
    CONTROL_PLANE,
    /** A worker microVM of a cluster (shared vCPUs, not NUMA-bound). */
    WORKER_VM,
    /** A whole host given to a cluster as a Kubernetes node; only that cluster's network functions share it. */
    WORKER_BAREMETAL,
    /** A network-function replica: pinned cores, hugepages and VFs of one NUMA node. */
    NF_REPLICA;

    /** True for the kinds that run as Firecracker microVMs. */
    public boolean isMicroVm() {
        return this == CONTROL_PLANE || this == WORKER_VM;
    }
}
