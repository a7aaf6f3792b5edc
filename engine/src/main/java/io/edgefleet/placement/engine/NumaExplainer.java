package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Explains why no NUMA node can take a network-function replica, naming the closest node. */
final class NumaExplainer {

    private NumaExplainer() {
    }

    static Rejection explain(Scratch s, Allocation nf, String what, boolean[] avoid) {
        String head = "site " + s.siteId() + ": ";
        Resources r = nf.resources();
        List<String> avoided = new ArrayList<>();
        List<String> otherNodes = new ArrayList<>(); // would qualify, but are another cluster's nodes
        HostLedger bestHost = null;
        int bestNode = -1;
        double bestGap = Double.MAX_VALUE;
        boolean splitFits = false;
        HostLedger starved = null;
        int starvedNode = -1;
        for (int i = 0; i < s.hosts(); i++) {
            HostLedger h = s.ledgers[i];
            if (!NumaPlacer.eligible(h, nf)) {
                if (h.host().state() == HostState.READY && !NumaPlacer.nodeMayRun(h, nf.clusterId())) {
                    otherNodes.add(h.host().id() + " (" + nodeOf(h) + ")");
                }
                continue;
            }
            if (avoid[i]) {
                avoided.add(h.host().id());
                continue;
            }
            long pinned = 0;
            long huge = 0;
            for (int n = 0; n < h.numaNodes(); n++) {
                pinned += h.freePinnedCores(n);
                huge += h.freeHugepages(n);
                double gap = gap(h.freePinnedCores(n), r.pinnedCores()) + gap(h.freeHugepages(n), r.hugepages())
                        + gap(h.freeMemoryMib(n), r.memoryMib());
                for (Map.Entry<String, Integer> e : r.vfs().entrySet()) {
                    gap += gap(h.freeVfs(n, e.getKey()), e.getValue());
                }
                if (gap == 0 && starved == null) {
                    // the node has it all; what fails is the shared pool of running microVMs
                    starved = h;
                    starvedNode = n;
                }
                if (gap < bestGap) {
                    bestGap = gap;
                    bestHost = h;
                    bestNode = n;
                }
            }
            splitFits |= pinned >= r.pinnedCores() && huge >= r.hugepages();
        }
        if (bestHost == null && avoided.isEmpty()) {
            TreeSet<String> caps = new TreeSet<>();
            r.vfs().keySet().forEach(p -> caps.add("sriov:" + p));
            return new Rejection(RejectionCode.NO_ELIGIBLE_HOST, head + "no READY host"
                    + (caps.isEmpty() ? "" : " with capabilities " + String.join(", ", caps))
                    + " that is a node of cluster " + nf.clusterId() + " or of no cluster can take " + what
                    + (otherNodes.isEmpty() ? "" : "; a host's kubelet joins one cluster only, and "
                    + String.join(", ", otherNodes) + (otherNodes.size() == 1 ? " is" : " are") + " taken"));
        }
        if (bestHost == null) {
            return new Rejection(RejectionCode.ANTI_AFFINITY, head + what + " must avoid hosts "
                    + String.join(", ", avoided) + " (they hold its other replicas) and no other host qualifies");
        }
        if (starved != null) {
            int cores = starved.host().totalCores() - starved.host().reserved().cores();
            return new Rejection(RejectionCode.INSUFFICIENT_CAPACITY, head + "no host can pin "
                    + r.describe() + " on one NUMA node for " + what + " without starving the"
                    + " microVMs already running, and their control planes cannot move elsewhere"
                    + " (closest: host " + starved.host().id() + ", NUMA " + starvedNode + ": "
                    + (starved.vcpuCapacity() - starved.freeVcpu()) + " shared vCPUs in use, "
                    + Math.max(0, cores - (cores - starved.vcpuCapacity()) - r.pinnedCores())
                    + " cores left to share after pinning)");
        }
        RejectionCode code = splitFits ? RejectionCode.NO_NUMA_FIT : RejectionCode.INSUFFICIENT_CAPACITY;
        return new Rejection(code, head + "no host has " + r.describe() + " free on one NUMA node for "
                + what + (avoided.isEmpty() ? "" : " outside " + String.join(", ", avoided))
                + " (closest: " + describe(bestHost, bestNode, r) + ")");
    }

    private static String nodeOf(HostLedger h) {
        return h.exclusiveOwner() != null ? "bare-metal worker of " + h.exclusiveOwner()
                : "node of " + (h.nodeCluster() != null ? h.nodeCluster() : "several clusters");
    }

    private static double gap(long free, long need) {
        return need <= 0 || free >= need ? 0 : (need - Math.max(0, free)) / (double) need;
    }

    static String describe(HostLedger h, int n, Resources r) {
        StringBuilder sb = new StringBuilder("host " + h.host().id() + ", NUMA " + n + ": "
                + Math.max(0, h.freePinnedCores(n)) + " cores, " + Math.max(0, h.freeHugepages(n))
                + " hugepages, " + Math.max(0, h.freeMemoryMib(n)) + " MiB");
        r.vfs().keySet().stream().sorted().forEach(p -> sb.append(", ")
                .append(Math.max(0, h.freeVfs(n, p))).append(" VFs on ").append(p));
        return sb.append(" free").toString();
    }
}
