package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why a holder of a host being emptied finds no other host: in the words of the existing
 * rejections, naming the rule and the closest host that stays in use.
 */
final class RepackExplainer {

    private RepackExplainer() {
    }

    static Rejection explain(EvacuationPlan plan, Allocation a, int from, Set<String> sibHosts,
                             List<String> sibFds) {
        String head = plan.head(from);
        String what = Relocator.describe(a);
        Resources r = a.resources();
        boolean nf = a.kind() == HolderKind.NF_REPLICA;
        List<HostLedger> eligible = new ArrayList<>();
        List<String> sibRoomy = new ArrayList<>(); // room, but a sibling runs there
        List<String> fdRoomy = new ArrayList<>();  // room, but in a failure domain siblings use
        for (int i = 0; i < plan.p.hosts; i++) {
            HostLedger l = plan.ledgers[i];
            if (!plan.p.target[i] || plan.emptied[i]
                    || !(nf ? NumaPlacer.eligible(l, a) : l.acceptsMicroVms())) {
                continue;
            }
            boolean fits = nf ? fitsSomeNode(l, r) : l.fitsMicroVm(r);
            if (sibHosts.contains(l.host().id())) {
                if (fits) {
                    sibRoomy.add(l.host().id());
                }
            } else if (!nf && !plan.keepsSpread(a, i, sibFds)) {
                if (fits) {
                    fdRoomy.add(l.host().id());
                }
            } else {
                eligible.add(l);
            }
        }
        if (eligible.isEmpty() && sibRoomy.isEmpty() && fdRoomy.isEmpty()) {
            return new Rejection(RejectionCode.NO_ELIGIBLE_HOST, head + "no other host in use can"
                    + " take " + what + (nf ? " (it needs the sriov capabilities of its VFs)"
                    : " (none is READY with capability microvm)"));
        }
        if (!sibRoomy.isEmpty() || !fdRoomy.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!sibRoomy.isEmpty()) {
                parts.add(String.join(", ", sibRoomy) + " hold its sibling replicas");
            }
            if (!fdRoomy.isEmpty()) {
                parts.add(String.join(", ", fdRoomy) + " would put it in a failure domain its"
                        + " siblings already use (" + String.join(", ", sibFds.stream().distinct().toList()) + ")");
            }
            return new Rejection(RejectionCode.ANTI_AFFINITY, head + "the hosts with room for " + what
                    + " are ruled out: " + String.join("; ", parts));
        }
        if (nf) {
            return numaRejection(head, what, r, eligible);
        }
        return new Rejection(RejectionCode.INSUFFICIENT_CAPACITY, head + "no other host in use has "
                + r.describe() + " free for " + what + " (closest: "
                + MicroVmExplainer.describe(MicroVmExplainer.closest(eligible, r)) + ")");
    }

    private static Rejection numaRejection(String head, String what, Resources r,
                                           List<HostLedger> eligible) {
        HostLedger best = null;
        int bestNode = 0;
        int bestGap = Integer.MAX_VALUE;
        boolean split = false;
        for (HostLedger l : eligible) {
            int cores = 0;
            int huge = 0;
            for (int n = 0; n < l.numaNodes(); n++) {
                cores += l.freePinnedCores(n);
                huge += l.freeHugepages(n);
                int gap = Math.max(0, r.pinnedCores() - l.freePinnedCores(n))
                        + Math.max(0, r.hugepages() - l.freeHugepages(n));
                if (gap < bestGap) {
                    bestGap = gap;
                    best = l;
                    bestNode = n;
                }
            }
            split |= cores >= r.pinnedCores() && huge >= r.hugepages();
        }
        return new Rejection(split ? RejectionCode.NO_NUMA_FIT : RejectionCode.INSUFFICIENT_CAPACITY,
                head + "no other host in use has " + r.describe() + " free on one NUMA node for "
                        + what + " (closest: " + NumaExplainer.describe(best, bestNode, r) + ")");
    }

    private static boolean fitsSomeNode(HostLedger l, Resources r) {
        for (int n = 0; n < l.numaNodes(); n++) {
            if (l.fitsOnNode(r, n)) {
                return true;
            }
        }
        return false;
    }
}
