package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.Resources;
import java.util.Map;

/**
 * Chooses a host and NUMA node for one network-function replica: everything from one node,
 * dense first (in-use hosts, then the node left tightest).
 */
final class NumaPlacer {

    private NumaPlacer() {
    }

    /** Host has READY state, no bare-metal owner, and the sriov capability of every physnet. */
    static boolean eligible(HostLedger h, Resources r) {
        if (!h.schedulable()) {
            return false;
        }
        for (Map.Entry<String, Integer> e : r.vfs().entrySet()) {
            if (e.getValue() > 0 && !h.host().capabilities().contains(Host.sriov(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Encoded choice {@code host * 1024 + node}, or -1 when nothing fits. */
    static int choose(HostLedger[] hosts, Resources r, boolean[] avoid) {
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < hosts.length; i++) {
            HostLedger h = hosts[i];
            if (avoid[i] || !eligible(h, r)) {
                continue;
            }
            for (int n = 0; n < h.numaNodes(); n++) {
                if (!h.fitsOnNode(r, n)) {
                    continue;
                }
                double s = h.holderCount() == 0 ? 10.0 : 0.0;
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
}
