package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import java.util.Map;

/** Hand-made allocations for repack and scaling tests. */
final class Holders {

    private Holders() {
    }

    /** A worker microVM {@code <owner>/w-<i>} of {@code vcpu} / {@code mib}, 10 GiB disk. */
    static Allocation worker(String owner, int i, String host, int vcpu, long mib) {
        return new Allocation(owner + "/w-" + i, HolderKind.WORKER_VM, owner, "team-a", host,
                Allocation.ANY_NUMA, Resources.microVm(vcpu, mib, 10));
    }

    /** A control-plane microVM {@code <owner>/cp-<i>} of {@code vcpu} / {@code mib}. */
    static Allocation cp(String owner, int i, String host, int vcpu, long mib) {
        return new Allocation(owner + "/cp-" + i, HolderKind.CONTROL_PLANE, owner, "team-a", host,
                Allocation.ANY_NUMA, Resources.microVm(vcpu, mib, 10));
    }

    /** A bare-metal worker {@code <owner>/w-<i>}. */
    static Allocation bareMetal(String owner, int i, String host) {
        return new Allocation(owner + "/w-" + i, HolderKind.WORKER_BAREMETAL, owner, "team-a", host,
                Allocation.ANY_NUMA, Resources.ZERO);
    }

    /**
     * An NF replica {@code <owner>/r-<i>} on one node: cores, hugepages, 1 GiB, VFs on physnet-a;
     * every such NF runs in cluster {@code nf-cluster}.
     */
    static Allocation nf(String owner, int i, String host, int node, int cores, int huge, int vfs) {
        return new Allocation(owner + "/r-" + i, HolderKind.NF_REPLICA, owner, "team-n", host, node,
                Resources.pinned(cores, 1_024, huge, Map.of("physnet-a", vfs)), "nf-cluster");
    }
}
