package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.HostState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every promise of a repack, checked from the allocations before and after (not from the
 * engine's own bookkeeping). Returns the first broken promise, or null.
 */
final class RepackChecks {

    private RepackChecks() {
    }

    static String check(SiteState before, RepackResult r, RepackOptions o) {
        Decision d = r.decision();
        if (!d.accepted() || d.placed().size() != d.released().size()
                || d.moves().size() != d.placed().size()) {
            return "a repack only moves holders: " + d;
        }
        if (d.moves().size() > o.maxMoves()) {
            return d.moves().size() + " moves over the cap " + o.maxMoves();
        }
        Set<String> emptied = new HashSet<>(r.emptiedHosts());
        for (Allocation a : d.released()) {
            if (!emptied.contains(a.hostId())) {
                return a.holderId() + " leaves " + a.hostId() + ", which is not emptied";
            }
        }
        for (Allocation a : d.placed()) {
            HostLedger to = before.host(a.hostId());
            if (to.host().state() != HostState.READY || to.exclusiveOwner() != null
                    || to.holderCount() == 0 || emptied.contains(a.hostId())) {
                return a.holderId() + " lands on " + a.hostId() + ", which may not receive it";
            }
            if (a.kind() == HolderKind.WORKER_BAREMETAL) {
                return "bare-metal worker " + a.holderId() + " moved";
            }
        }
        SiteState after = d.applyTo(before);
        String broken = Invariants.check(after);
        if (broken != null) {
            return "after: " + broken;
        }
        broken = Invariants.check(peak(before, d));
        if (broken != null) {
            return "while the moves run (old and new copies both held): " + broken;
        }
        for (String h : emptied) {
            if (!after.allocationsOn(h).isEmpty()) {
                return "emptied host " + h + " still holds " + after.allocationsOn(h);
            }
        }
        int used = inUse(after);
        if (used != r.hostsInUseAfter() || inUse(before) != r.hostsInUseBefore()
                || used > inUse(before) || used != inUse(before) - emptied.size()) {
            return "hosts in use " + inUse(before) + " -> " + used + ", reported "
                    + r.hostsInUseBefore() + " -> " + r.hostsInUseAfter();
        }
        if (r.keptHosts().size() + emptied.size() != inUse(before)) {
            return "every host in use is either emptied or explained";
        }
        for (KeptHost k : r.keptHosts()) {
            if (k.reason().message().isBlank() || !k.reason().message().contains(k.hostId())) {
                return "kept host " + k.hostId() + " without an explanation naming it";
            }
        }
        return spread(before, after);
    }

    /** Each control plane spans at least as many failure domains as before. */
    private static String spread(SiteState before, SiteState after) {
        Map<String, Set<String>> fb = fds(before);
        Map<String, Set<String>> fa = fds(after);
        for (Map.Entry<String, Set<String>> e : fb.entrySet()) {
            if (fa.get(e.getKey()).size() < e.getValue().size()) {
                return "control plane " + e.getKey() + " spread " + e.getValue() + " -> " + fa.get(e.getKey());
            }
        }
        return null;
    }

    private static Map<String, Set<String>> fds(SiteState s) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Allocation a : s.allocations()) {
            if (a.kind() == HolderKind.CONTROL_PLANE) {
                out.computeIfAbsent(a.ownerId(), k -> new HashSet<>())
                        .add(s.host(a.hostId()).host().failureDomain());
            }
        }
        return out;
    }

    /**
     * The site while every move is in flight: old copies still running, new ones started. New
     * copies get their own owner so that anti-affinity is not blamed for a sibling's old copy.
     */
    static SiteState peak(SiteState before, Decision d) {
        List<Allocation> all = new ArrayList<>(before.allocations());
        for (Allocation a : d.placed()) {
            String owner = a.ownerId() + "#" + a.holderId();
            all.add(new Allocation(a.holderId() + "#new", a.kind(), owner, a.team(), a.hostId(), a.numaNode(),
                    a.resources(), a.kind() == HolderKind.NF_REPLICA ? a.clusterId() : owner));
        }
        return SiteState.of(before.site(), all);
    }

    static int inUse(SiteState s) {
        int n = 0;
        for (int i = 0; i < s.hostCount(); i++) {
            n += s.allocationsOn(s.host(i).host().id()).isEmpty() ? 0 : 1;
        }
        return n;
    }
}
