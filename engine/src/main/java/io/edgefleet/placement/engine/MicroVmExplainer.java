package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns "no host for this microVM" into the one sentence an operator needs: which rule
 * blocked it and the closest candidate with what it has free.
 */
final class MicroVmExplainer {

    private MicroVmExplainer() {
    }

    static Rejection explain(Scratch s, Resources size, String what, boolean[] avoid,
                             List<String> usedFds, boolean fdHard) {
        HostLedger[] hosts = s.ledgers;
        String head = "site " + s.siteId() + ": ";
        List<HostLedger> eligible = new ArrayList<>();
        List<String> avoided = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            if (hosts[i].acceptsMicroVms()) {
                if (avoid != null && avoid[i]) {
                    avoided.add(hosts[i].host().id());
                } else {
                    eligible.add(hosts[i]);
                }
            }
        }
        if (eligible.isEmpty() && avoided.isEmpty()) {
            return new Rejection(RejectionCode.NO_ELIGIBLE_HOST, head + "no READY host with capability "
                    + Host.MICROVM + " (and not held by a bare-metal worker) can take " + what);
        }
        if (eligible.isEmpty()) {
            return new Rejection(RejectionCode.ANTI_AFFINITY, head + what + " must avoid hosts "
                    + String.join(", ", avoided) + " and no other READY microVM host exists");
        }
        HostLedger closest = closest(eligible, size);
        if (closest.fitsMicroVm(size) && fdHard && usedFds != null) {
            // Capacity exists, but only in failure domains that already hold a sibling.
            List<HostLedger> otherFd = new ArrayList<>();
            for (HostLedger h : eligible) {
                if (!usedFds.contains(h.host().failureDomain())) {
                    otherFd.add(h);
                }
            }
            String tail = otherFd.isEmpty() ? "" : " (closest: " + describe(closest(otherFd, size)) + ")";
            return new Rejection(RejectionCode.ANTI_AFFINITY, head + "no host outside failure domains "
                    + String.join(", ", usedFds.stream().distinct().toList()) + " has "
                    + size.describe() + " free for " + what + tail);
        }
        return new Rejection(RejectionCode.INSUFFICIENT_CAPACITY, head + "no host has "
                + size.describe() + " free for " + what
                + (avoided.isEmpty() ? "" : " outside " + String.join(", ", avoided))
                + " (closest: " + describe(closest) + ")");
    }

    /** The host missing the least, relative to the request, over vCPU, memory and disk. */
    static HostLedger closest(List<HostLedger> hosts, Resources size) {
        HostLedger best = null;
        double bestGap = Double.MAX_VALUE;
        for (HostLedger h : hosts) {
            double gap = gap(h.freeVcpu(), size.vcpu()) + gap(h.freeMemoryMib(), size.memoryMib())
                    + gap(h.freeDiskGib(), size.diskGib());
            if (gap < bestGap) {
                bestGap = gap;
                best = h;
            }
        }
        return best;
    }

    private static double gap(long free, long need) {
        return need <= 0 || free >= need ? 0 : (need - Math.max(0, free)) / (double) need;
    }

    static String describe(HostLedger h) {
        return "host " + h.host().id() + ": " + Math.max(0, h.freeVcpu()) + " vCPU, "
                + Math.max(0, h.freeMemoryMib()) + " MiB, " + Math.max(0, h.freeDiskGib())
                + " GiB disk free";
    }
}
