package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.NumaNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Placement rules checked from the allocations alone, independently of the engine's ledger
 * arithmetic, so a bug in the ledger cannot hide itself. Returns the first violation or null.
 */
final class Invariants {

    private Invariants() {
    }

    static String check(SiteState state) {
        for (Host h : state.site().hosts()) {
            String v = checkHost(h, state.allocationsOn(h.id()));
            if (v != null) {
                return v;
            }
        }
        Map<String, Set<String>> hostsOfGroup = new HashMap<>();
        for (Allocation a : state.allocations()) {
            if (a.kind() == HolderKind.CONTROL_PLANE || a.kind() == HolderKind.NF_REPLICA) {
                String group = a.kind() + "/" + a.ownerId();
                if (!hostsOfGroup.computeIfAbsent(group, k -> new HashSet<>()).add(a.hostId())) {
                    return "anti-affinity: two replicas of " + group + " on " + a.hostId();
                }
            }
        }
        return null;
    }

    private static String checkHost(Host h, List<Allocation> on) {
        int nodes = h.numaNodes().size();
        long[] pinned = new long[nodes];
        long[] huge = new long[nodes];
        long[] boundMem = new long[nodes];
        Map<String, Long>[] vfs = newMaps(nodes);
        long vcpu = 0;
        long mem = 0;
        long disk = 0;
        long pinnedTotal = 0;
        String bareMetalOf = null;
        Set<String> nodeOf = new HashSet<>();
        for (Allocation a : on) {
            if (a.kind() == HolderKind.WORKER_BAREMETAL || a.kind() == HolderKind.NF_REPLICA) {
                nodeOf.add(a.clusterId());
            }
            if (a.kind() == HolderKind.WORKER_BAREMETAL) {
                bareMetalOf = a.ownerId();
                continue;
            }
            vcpu += a.resources().vcpu();
            mem += a.resources().memoryMib();
            disk += a.resources().diskGib();
            if (a.kind() == HolderKind.NF_REPLICA) {
                int n = a.numaNode();
                if (n < 0 || n >= nodes) {
                    return a.holderId() + ": NUMA node " + n + " not on " + h.id();
                }
                for (String p : a.resources().vfs().keySet()) {
                    if (!h.capabilities().contains(Host.sriov(p))) {
                        return a.holderId() + ": " + h.id() + " lacks sriov:" + p;
                    }
                }
                pinned[n] += a.resources().pinnedCores();
                pinnedTotal += a.resources().pinnedCores();
                huge[n] += a.resources().hugepages();
                boundMem[n] += a.resources().memoryMib();
                final int node = n;
                a.resources().vfs().forEach((p, c) -> vfs[node].merge(p, (long) c, Long::sum));
            } else if (a.numaNode() != Allocation.ANY_NUMA) {
                return a.holderId() + ": microVMs are not NUMA-bound";
            }
        }
        if (nodeOf.size() > 1) {
            return h.id() + ": a node of several clusters " + nodeOf;
        }
        if (bareMetalOf != null && on.stream().anyMatch(a -> a.kind().isMicroVm())) {
            return h.id() + ": the bare-metal worker host of " + bareMetalOf + " holds microVMs";
        }
        int coreReserve = h.reserved().cores();
        long memReserve = h.reserved().memoryMib();
        for (int n = 0; n < nodes; n++) {
            NumaNode node = h.numaNodes().get(n);
            int rc = Math.min(coreReserve, node.cores());
            coreReserve -= rc;
            long rm = Math.min(memReserve, node.memoryMib());
            memReserve -= rm;
            if (pinned[n] > node.cores() - rc || huge[n] > node.hugepages1Gi()
                    || boundMem[n] > node.memoryMib() - rm) {
                return h.id() + " NUMA " + n + " over capacity";
            }
            for (Map.Entry<String, Long> e : vfs[n].entrySet()) {
                if (e.getValue() > node.vfs(e.getKey())) {
                    return h.id() + " NUMA " + n + " over VFs of " + e.getKey();
                }
            }
        }
        long shared = h.totalCores() - h.reserved().cores() - pinnedTotal;
        if (vcpu > Math.floor(shared * h.cpuAllocationRatio() + 1e-9)) {
            return h.id() + ": " + vcpu + " shared vCPUs over " + shared + " cores x ratio";
        }
        if (mem > h.totalMemoryMib() - h.reserved().memoryMib() || disk > h.diskGib()) {
            return h.id() + ": memory or disk over capacity";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long>[] newMaps(int n) {
        Map<String, Long>[] m = new Map[n];
        for (int i = 0; i < n; i++) {
            m[i] = new HashMap<>();
        }
        return m;
    }
}
