package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Resources;
import java.util.List;

/**
 * Chooses a host for one microVM: dense first (hosts already in use, then the tightest fit),
 * so that whole hosts stay free for bare-metal workers and can be powered down.
 */
final class MicroVmPlacer {

    private MicroVmPlacer() {
    }

    /**
     * Best host index for a microVM of {@code size}, or -1.
     *
     * @param avoid     host indexes that must not be used (siblings, a lost host); may be null
     * @param usedFds   failure domains already holding siblings; null when spreading is moot
     * @param fdHard    true when {@code usedFds} must be avoided, false when merely preferred
     */
    static int choose(HostLedger[] hosts, Resources size, boolean[] avoid, List<String> usedFds,
                      boolean fdHard) {
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < hosts.length; i++) {
            HostLedger h = hosts[i];
            if ((avoid != null && avoid[i]) || !h.acceptsMicroVms() || !h.fitsMicroVm(size)) {
                continue;
            }
            double s = score(h, size);
            if (usedFds != null) {
                int uses = count(usedFds, h.host().failureDomain());
                if (fdHard && uses > 0) {
                    continue;
                }
                s += 100.0 * uses; // soft spread dominates density
            }
            if (s < bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return best;
    }

    /** Lower is better: in-use hosts first, then the least capacity left over. */
    static double score(HostLedger h, Resources size) {
        double s = h.holderCount() == 0 ? 10.0 : 0.0;
        s += (h.freeVcpu() - size.vcpu()) / (double) Math.max(1, h.vcpuCapacity());
        s += (h.freeMemoryMib() - size.memoryMib()) / (double) Math.max(1, h.memoryCapacityMib());
        return s;
    }

    static int count(List<String> values, String v) {
        int n = 0;
        for (String s : values) {
            if (s.equals(v)) {
                n++;
            }
        }
        return n;
    }
}
