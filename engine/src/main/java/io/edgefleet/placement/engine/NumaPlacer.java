package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.Resources;
import java.util.Map;

/**
 * Chooses a host and NUMA node for one network-function replica: everything from one node, on a
 * host that is, or may become, a node of the replica's cluster (ADR 0026). The cluster's own
 * bare-metal workers first, then hosts already running its network functions, then hosts that
 * are nobody's node; within each, dense first (in-use hosts, then the node left tightest).
 */
final class NumaPlacer {
    private static final double OWN_NF_NODE = 100.0;
    private static final double NEW_NODE = 200.0;

    private NumaPlacer() {
    }

    /**
     * Host is READY, is no other cluster's node (its own bare-metal worker is welcome) and has the
     * sriov capability of every physnet the replica uses.
     */
    static boolean eligible(HostLedger h, Allocation nf) {
        if (h.host().state() != HostState.READY || !nodeMayRun(h, nf.clusterId())) {
            return false;
        }
        for (Map.Entry<String, Integer> e : nf.resources().vfs().entrySet()) {
            if (e.getValue() > 0 && !h.host().capabilities().contains(Host.sriov(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** True when the host is a node of {@code clusterId} or of no cluster at all. */
    static boolean nodeMayRun(HostLedger h, String clusterId) {
        return h.mayBeNodeOf(clusterId) && (h.exclusiveOwner() == null || h.exclusiveOwner().equals(clusterId));
    }

    /** Encoded choice {@code host * 1024 + node}, or -1 when nothing fits. */
    static int choose(HostLedger[] hosts, Allocation nf, boolean[] avoid) {
        Resources r = nf.resources();
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < hosts.length; i++) {
            HostLedger h = hosts[i];
            if (avoid[i] || !eligible(h, nf)) {
                continue;
            }
            double tier = tier(h, nf.clusterId());
            for (int n = 0; n < h.numaNodes(); n++) {
                if (!h.fitsOnNode(r, n)) {
                    continue;
                }
                double s = tier + (h.holderCount() == 0 ? 10.0 : 0.0);
                s += (h.freePinnedCores(n) - r.pinnedCores()) / (double) Math.max(1, h.host().numaNodes().get(n).cores());
                s += (h.freeHugepages(n) - r.hugepages())
                        / (double) Math.max(1, h.host().numaNodes().get(n).hugepages1Gi());
                if (s < bestScore) {
                    bestScore = s;
                    best = i * 1024 + n;
                }
            }
        }
        return best;
    }

    /** Bare-metal workers of the cluster, then its NF nodes, then hosts that join it anew. */
    private static double tier(HostLedger h, String clusterId) {
        if (clusterId.equals(h.exclusiveOwner())) {
            return 0.0;
        }
        return clusterId.equals(h.nodeCluster()) ? OWN_NF_NODE : NEW_NODE;
    }
}
