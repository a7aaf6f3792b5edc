package io.edgefleet.placement.engine.ledger;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Resources;
import java.util.HashMap;
import java.util.Map;

/**
 * Free capacity of one host, precomputed so that a fit test is a handful of comparisons.
 * Immutable: {@link #with} and {@link #without} return new ledgers, so a decision can be
 * explored on a scratch copy without touching the state it was computed from.
 *
 * <p>Memory rule: NUMA-bound memory (network functions) must fit its node, and all memory
 * together must fit the host; unbound memory (microVMs) can come from any node, so those two
 * checks are exactly the feasibility condition.
 */
public final class HostLedger {

    private final Host host;
    private final int usableCores;      // host cores minus the system reserve
    private final int[] pinnedFree;     // per node
    private final int[] hugeFree;       // per node
    private final long[] nodeMemFree;   // per node, for NUMA-bound memory
    private final Map<String, Integer>[] vfFree; // per node
    private final long memFree;         // whole host, all memory
    private final int pinnedUsed;
    private final int vcpuUsed;
    private final long diskFree;
    private final String exclusiveOwner; // cluster holding the host as a bare-metal worker
    private final Map<String, Integer> nodeOf; // cluster -> holders making the host its node (ADR 0026)
    private final int holders;

    @SuppressWarnings("unchecked")
    private HostLedger(Host host) {
        this.host = host;
        int nodes = host.numaNodes().size();
        pinnedFree = new int[nodes];
        hugeFree = new int[nodes];
        nodeMemFree = new long[nodes];
        vfFree = new Map[nodes];
        int coreReserve = host.reserved().cores();
        long memReserve = host.reserved().memoryMib();
        // The reserve is taken from node 0 first: housekeeping CPUs live there by convention.
        for (int i = 0; i < nodes; i++) {
            NumaNode n = host.numaNodes().get(i);
            int c = Math.min(coreReserve, n.cores());
            coreReserve -= c;
            long m = Math.min(memReserve, n.memoryMib());
            memReserve -= m;
            pinnedFree[i] = n.cores() - c;
            nodeMemFree[i] = n.memoryMib() - m;
            hugeFree[i] = n.hugepages1Gi();
            vfFree[i] = n.vfsByPhysnet();
        }
        usableCores = Math.max(0, host.totalCores() - host.reserved().cores());
        memFree = Math.max(0, host.totalMemoryMib() - host.reserved().memoryMib());
        pinnedUsed = 0;
        vcpuUsed = 0;
        diskFree = host.diskGib();
        exclusiveOwner = null;
        nodeOf = Map.of();
        holders = 0;
    }

    private HostLedger(HostLedger o, int[] pinnedFree, int[] hugeFree, long[] nodeMemFree,
                       Map<String, Integer>[] vfFree, long memFree, int pinnedUsed, int vcpuUsed,
                       long diskFree, String exclusiveOwner, Map<String, Integer> nodeOf, int holders) {
        this.host = o.host;
        this.usableCores = o.usableCores;
        this.pinnedFree = pinnedFree;
        this.hugeFree = hugeFree;
        this.nodeMemFree = nodeMemFree;
        this.vfFree = vfFree;
        this.memFree = memFree;
        this.pinnedUsed = pinnedUsed;
        this.vcpuUsed = vcpuUsed;
        this.diskFree = diskFree;
        this.exclusiveOwner = exclusiveOwner;
        this.nodeOf = nodeOf;
        this.holders = holders;
    }

    /** The ledger of an empty host. */
    public static HostLedger empty(Host host) {
        return new HostLedger(host);
    }

    public Host host() {
        return host;
    }

    /** True when the host is READY and not held whole by a bare-metal worker. */
    public boolean schedulable() {
        return host.state() == HostState.READY && exclusiveOwner == null;
    }

    /** True when the host may run microVMs now. */
    public boolean acceptsMicroVms() {
        return schedulable() && host.capabilities().contains(Host.MICROVM);
    }

    /** Number of allocations on this host. */
    public int holderCount() {
        return holders;
    }

    /** Cluster holding the whole host as a bare-metal worker, or null. */
    public String exclusiveOwner() {
        return exclusiveOwner;
    }

    /**
     * The cluster this host is a Kubernetes node of, or null: a host's kubelet joins at most one
     * cluster, as its bare-metal worker or to run its network functions (ADR 0026).
     */
    public String nodeCluster() {
        return nodeOf.size() == 1 ? nodeOf.keySet().iterator().next() : null;
    }

    /** True when a holder of {@code clusterId} may make or keep this host a node of its cluster. */
    public boolean mayBeNodeOf(String clusterId) {
        return nodeOf.isEmpty() || (nodeOf.size() == 1 && nodeOf.containsKey(clusterId));
    }

    /** Shared vCPU capacity left for microVMs, after pinning and overcommit. */
    public int freeVcpu() {
        return sharedCapacity(pinnedUsed) - vcpuUsed;
    }

    /** Shared vCPU capacity of the host as it is pinned now (used + free). */
    public int vcpuCapacity() {
        return sharedCapacity(pinnedUsed);
    }

    private int sharedCapacity(int pinned) {
        // floor, with a tiny epsilon so that 3 * 1.1 does not become 3.2999 -> 3
        return (int) Math.floor((usableCores - pinned) * host.cpuAllocationRatio() + 1e-9);
    }

    /** Memory left on the whole host. */
    public long freeMemoryMib() {
        return memFree;
    }

    /** Memory left for a NUMA-bound holder on {@code node}. */
    public long freeMemoryMib(int node) {
        return Math.min(nodeMemFree[node], memFree);
    }

    /** Usable memory of the host (after the reserve). */
    public long memoryCapacityMib() {
        return Math.max(0, host.totalMemoryMib() - host.reserved().memoryMib());
    }

    public long freeDiskGib() {
        return diskFree;
    }

    public int numaNodes() {
        return pinnedFree.length;
    }

    /** Pinnable cores left on {@code node}. */
    public int freePinnedCores(int node) {
        return pinnedFree[node];
    }

    public int freeHugepages(int node) {
        return hugeFree[node];
    }

    public int freeVfs(int node, String physnet) {
        return vfFree[node].getOrDefault(physnet, 0);
    }

    /** Whether a microVM of size {@code r} (not NUMA-bound) fits now. */
    public boolean fitsMicroVm(Resources r) {
        return freeVcpu() >= r.vcpu() && memFree >= r.memoryMib() && diskFree >= r.diskGib();
    }

    /**
     * Whether a NUMA-bound holder of size {@code r} fits on {@code node} now, including the
     * effect of its pinned cores on the shared vCPU pool of the microVMs already running.
     */
    public boolean fitsOnNode(Resources r, int node) {
        if (pinnedFree[node] < r.pinnedCores() || hugeFree[node] < r.hugepages()
                || freeMemoryMib(node) < r.memoryMib() || diskFree < r.diskGib()
                || sharedCapacity(pinnedUsed + r.pinnedCores()) < vcpuUsed + r.vcpu()) {
            return false;
        }
        for (Map.Entry<String, Integer> e : r.vfs().entrySet()) {
            if (freeVfs(node, e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the host holds nothing at all (a bare-metal worker needs that). */
    public boolean isEmpty() {
        return holders == 0 && exclusiveOwner == null;
    }

    /** Ledger after adding {@code a}; does not check that it fits. */
    public HostLedger with(Allocation a) {
        return change(a, 1);
    }

    /** Ledger after removing {@code a}. */
    public HostLedger without(Allocation a) {
        return change(a, -1);
    }

    private HostLedger change(Allocation a, int sign) {
        if (!a.hostId().equals(host.id())) {
            throw new IllegalArgumentException(a.holderId() + " is on " + a.hostId() + ", not " + host.id());
        }
        Map<String, Integer> nodes = a.bindsHostToCluster() ? bind(a.clusterId(), sign) : nodeOf;
        if (a.kind() == HolderKind.WORKER_BAREMETAL) {
            String owner = sign > 0 ? a.ownerId() : null;
            return new HostLedger(this, pinnedFree, hugeFree, nodeMemFree, vfFree, memFree,
                    pinnedUsed, vcpuUsed, diskFree, owner, nodes, holders + sign);
        }
        Resources r = a.resources();
        int node = a.numaNode();
        if (node == Allocation.ANY_NUMA) {
            if (r.pinnedCores() > 0 || r.hugepages() > 0 || !r.vfs().isEmpty()) {
                throw new IllegalArgumentException(a.holderId()
                        + ": pinned cores, hugepages and VFs need a NUMA node");
            }
            return new HostLedger(this, pinnedFree, hugeFree, nodeMemFree, vfFree,
                    memFree - sign * r.memoryMib(), pinnedUsed, vcpuUsed + sign * r.vcpu(),
                    diskFree - sign * r.diskGib(), exclusiveOwner, nodes, holders + sign);
        }
        if (node >= pinnedFree.length) {
            throw new IllegalArgumentException(a.holderId() + ": host " + host.id()
                    + " has no NUMA node " + node);
        }
        int[] pf = pinnedFree.clone();
        int[] hf = hugeFree.clone();
        long[] nm = nodeMemFree.clone();
        Map<String, Integer>[] vf = vfFree.clone();
        pf[node] -= sign * r.pinnedCores();
        hf[node] -= sign * r.hugepages();
        nm[node] -= sign * r.memoryMib();
        if (!r.vfs().isEmpty()) {
            Map<String, Integer> m = new HashMap<>(vf[node]);
            r.vfs().forEach((k, n) -> m.merge(k, -sign * n, Integer::sum));
            vf[node] = m;
        }
        return new HostLedger(this, pf, hf, nm, vf, memFree - sign * r.memoryMib(),
                pinnedUsed + sign * r.pinnedCores(), vcpuUsed + sign * r.vcpu(),
                diskFree - sign * r.diskGib(), exclusiveOwner, nodes, holders + sign);
    }

    private Map<String, Integer> bind(String clusterId, int sign) {
        Map<String, Integer> m = new HashMap<>(nodeOf);
        m.merge(clusterId, sign, Integer::sum);
        m.values().removeIf(n -> n == 0);
        return Map.copyOf(m);
    }

    /**
     * True when no dimension is overdrawn, the host is a node of at most one cluster and a
     * bare-metal worker's host holds nothing but its cluster's network functions. A freshly built
     * state can break this (a host was re-inventoried smaller); the engine never makes it so.
     */
    public boolean withinCapacity() {
        if (memFree < 0 || diskFree < 0 || freeVcpu() < 0 || nodeOf.size() > 1
                || (exclusiveOwner != null && holders > nodeOf.getOrDefault(exclusiveOwner, 0))) {
            return false;
        }
        for (int i = 0; i < pinnedFree.length; i++) {
            if (pinnedFree[i] < 0 || hugeFree[i] < 0 || nodeMemFree[i] < 0) {
                return false;
            }
            for (int v : vfFree[i].values()) {
                if (v < 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
