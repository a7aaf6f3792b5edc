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
 * What a repack starts from, computed once: which hosts are in use, which of them may be
 * emptied (candidates) and which may receive holders (targets), and for every host in use that
 * is no candidate the rule that keeps it. Immutable after construction.
 */
final class RepackProblem {

    final SiteState state;
    final RepackOptions options;
    final int hosts;
    final boolean[] inUse;
    final boolean[] candidate;
    /** READY hosts in use without a bare-metal owner; empty hosts never receive anything. */
    final boolean[] target;
    final List<Allocation>[] on;
    /** Why a host in use is no candidate; null for candidates and unused hosts. */
    final Rejection[] fixed;
    /** Holders of one group (control plane or NF of one owner), keyed by kind/owner. */
    private final Map<String, List<Allocation>> groups = new HashMap<>();
    /** Distinct failure domains of each control plane now; a repack never lowers it. */
    private final Map<String, Integer> fdsBefore = new HashMap<>();

    @SuppressWarnings("unchecked")
    RepackProblem(SiteState state, RepackOptions options) {
        this.state = state;
        this.options = options;
        hosts = state.hostCount();
        inUse = new boolean[hosts];
        candidate = new boolean[hosts];
        target = new boolean[hosts];
        fixed = new Rejection[hosts];
        on = new List[hosts];
        for (int h = 0; h < hosts; h++) {
            on[h] = new ArrayList<>();
        }
        for (Allocation a : state.allocations()) {
            on[state.indexOf(a.hostId())].add(a);
            if (a.kind() == HolderKind.CONTROL_PLANE || a.kind() == HolderKind.NF_REPLICA) {
                groups.computeIfAbsent(group(a), k -> new ArrayList<>()).add(a);
            }
        }
        groups.forEach((g, members) -> {
            Set<String> fds = new HashSet<>();
            members.forEach(m -> fds.add(state.host(m.hostId()).host().failureDomain()));
            fdsBefore.put(g, fds.size());
        });
        for (int h = 0; h < hosts; h++) {
            HostLedger l = state.host(h);
            inUse[h] = !on[h].isEmpty();
            target[h] = inUse[h] && l.schedulable();
            if (inUse[h]) {
                fixed[h] = whyFixed(l, on[h]);
                candidate[h] = fixed[h] == null;
            }
        }
    }

    private Rejection whyFixed(HostLedger l, List<Allocation> holders) {
        String head = "site " + state.site().id() + ": host " + l.host().id() + " stays in use: ";
        if (l.host().state() == HostState.DOWN) {
            return new Rejection(RejectionCode.CANNOT_REPLACE, head + "it is DOWN; what it held is"
                    + " re-placed by host loss, not by a repack");
        }
        if (l.exclusiveOwner() != null) {
            return new Rejection(RejectionCode.CANNOT_REPLACE, head + "it is the bare-metal worker"
                    + " of cluster " + l.exclusiveOwner() + ", and bare-metal workers stay put");
        }
        if (!options.moveNetworkFunctions()) {
            for (Allocation a : holders) {
                if (a.kind() == HolderKind.NF_REPLICA) {
                    return new Rejection(RejectionCode.CANNOT_REPLACE, head + "it runs "
                            + Relocator.describe(a) + " and network functions may not move");
                }
            }
        }
        if (holders.size() > options.maxMovesPerHost()) {
            return new Rejection(RejectionCode.MOVE_LIMIT, head + "emptying it takes "
                    + holders.size() + " moves, more than the " + options.maxMovesPerHost()
                    + " allowed per host");
        }
        return null;
    }

    static String group(Allocation a) {
        return a.kind() + "/" + a.ownerId();
    }

    /** The other members of {@code a}'s control plane or NF (empty for workers). */
    List<Allocation> siblings(Allocation a) {
        List<Allocation> all = groups.getOrDefault(group(a), List.of());
        List<Allocation> out = new ArrayList<>(all.size());
        for (Allocation s : all) {
            if (!s.holderId().equals(a.holderId())) {
                out.add(s);
            }
        }
        return out;
    }

    int fdsBefore(Allocation a) {
        return fdsBefore.getOrDefault(group(a), 1);
    }

    String fd(int h) {
        return state.host(h).host().failureDomain();
    }

    String hostId(int h) {
        return state.host(h).host().id();
    }

    /**
     * Cost of moving a holder: its memory relative to the host's, because a live migration
     * copies memory and a restart re-fills it; a small microVM is the cheap one to move.
     */
    double weight(int h) {
        long cap = Math.max(1, state.host(h).memoryCapacityMib());
        double w = 0;
        for (Allocation a : on[h]) {
            w += a.resources().memoryMib() / (double) cap;
        }
        return w;
    }

    int inUseCount() {
        int n = 0;
        for (boolean b : inUse) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
