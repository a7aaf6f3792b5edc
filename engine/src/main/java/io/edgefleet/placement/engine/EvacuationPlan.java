package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A repack in progress: the hosts emptied so far and where each of their holders goes.
 *
 * <p>Target ledgers hold their own allocations plus the incoming ones and never lose any:
 * a holder leaves only a host that is emptied whole. That is what makes every move safe to
 * run make-before-break in any order (a target has room for the new copies while the old ones
 * still run elsewhere). A holder already moved by this plan may be moved again for free: only
 * its final host counts.
 */
final class EvacuationPlan {

    private static final Comparator<Allocation> HARDEST_FIRST = Comparator
            .comparingInt((Allocation a) -> a.kind() == HolderKind.NF_REPLICA ? 0 : 1)
            .thenComparing(Comparator.comparingLong((Allocation a) -> a.resources().memoryMib()
                    + 4_096L * (a.resources().vcpu() + a.resources().pinnedCores())).reversed())
            .thenComparing(Allocation::holderId);

    final RepackProblem p;
    final HostLedger[] ledgers;
    final boolean[] emptied;
    /** Holder id to its new allocation, in the order the moves were decided. */
    final Map<String, Allocation> moved;
    int moves;
    double weight;

    EvacuationPlan(RepackProblem p) {
        this.p = p;
        this.ledgers = p.state.ledgers();
        this.emptied = new boolean[p.hosts];
        this.moved = new LinkedHashMap<>();
    }

    private EvacuationPlan(EvacuationPlan o) {
        this.p = o.p;
        this.ledgers = o.ledgers.clone();
        this.emptied = o.emptied.clone();
        this.moved = new LinkedHashMap<>(o.moved);
        this.moves = o.moves;
        this.weight = o.weight;
    }

    EvacuationPlan copy() {
        return new EvacuationPlan(this);
    }

    int emptiedCount() {
        int n = 0;
        for (boolean e : emptied) {
            n += e ? 1 : 0;
        }
        return n;
    }

    /** True when this plan frees more hosts, or as many with fewer or lighter moves. */
    boolean betterThan(EvacuationPlan o) {
        if (emptiedCount() != o.emptiedCount()) {
            return emptiedCount() > o.emptiedCount();
        }
        if (moves != o.moves) {
            return moves < o.moves;
        }
        return weight < o.weight - 1e-12;
    }

    /** Moves left under the cap. */
    int movesLeft() {
        return p.options.maxMoves() - moves;
    }

    /**
     * Empties host {@code h}: its own holders and those this plan had sent there go to other
     * targets. Returns null and changes this plan on success; on failure returns why and
     * leaves this plan as it was.
     */
    Rejection empty(int h) {
        int own = p.on[h].size();
        if (own > movesLeft()) {
            return new Rejection(RejectionCode.MOVE_LIMIT, head(h) + "emptying it takes " + own
                    + " moves and only " + Math.max(0, movesLeft()) + " of the "
                    + p.options.maxMoves() + " allowed are left");
        }
        EvacuationPlan trial = copy();
        trial.emptied[h] = true;
        List<Allocation> leaving = new ArrayList<>(p.on[h]);
        for (Allocation m : moved.values()) {
            if (m.hostId().equals(p.hostId(h))) {
                leaving.add(p.state.allocation(m.holderId()));
                trial.ledgers[h] = trial.ledgers[h].without(m);
                trial.moved.remove(m.holderId());
            }
        }
        leaving.sort(HARDEST_FIRST);
        for (Allocation a : leaving) {
            Rejection r = trial.place(a, h);
            if (r != null) {
                return r;
            }
        }
        trial.moves += own;
        trial.weight += p.weight(h);
        adopt(trial);
        return null;
    }

    private void adopt(EvacuationPlan t) {
        System.arraycopy(t.ledgers, 0, ledgers, 0, ledgers.length);
        System.arraycopy(t.emptied, 0, emptied, 0, emptied.length);
        moved.clear();
        moved.putAll(t.moved);
        moves = t.moves;
        weight = t.weight;
    }

    /** Sends the original allocation {@code a} to the best target; null on success. */
    private Rejection place(Allocation a, int from) {
        boolean[] avoid = new boolean[p.hosts];
        for (int i = 0; i < p.hosts; i++) {
            avoid[i] = !p.target[i] || emptied[i];
        }
        List<String> sibFds = new ArrayList<>();
        Set<String> sibHosts = new HashSet<>();
        for (Allocation s : p.siblings(a)) {
            String host = finalHost(s);
            int i = p.state.indexOf(host);
            avoid[i] = true;
            sibHosts.add(host);
            if (!(emptied[i] && !moved.containsKey(s.holderId()))) {
                sibFds.add(p.fd(i)); // a sibling still waiting to leave an emptied host has no fd yet
            }
        }
        int pick;
        int node = Allocation.ANY_NUMA;
        if (a.kind() == HolderKind.NF_REPLICA) {
            int enc = NumaPlacer.choose(ledgers, a, avoid);
            pick = enc < 0 ? -1 : enc / 1024;
            node = enc < 0 ? 0 : enc % 1024;
        } else {
            pick = chooseMicroVm(a, avoid, sibFds);
        }
        if (pick < 0) {
            return RepackExplainer.explain(this, a, from, sibHosts, sibFds);
        }
        Allocation to = a.movedTo(p.hostId(pick), node);
        ledgers[pick] = ledgers[pick].with(to);
        moved.put(a.holderId(), to);
        return null;
    }

    private int chooseMicroVm(Allocation a, boolean[] avoid, List<String> sibFds) {
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < p.hosts; i++) {
            HostLedger l = ledgers[i];
            if (avoid[i] || !l.acceptsMicroVms() || !l.fitsMicroVm(a.resources())
                    || !keepsSpread(a, i, sibFds)) {
                continue;
            }
            double s = MicroVmPlacer.score(l, a.resources());
            if (s < bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return best;
    }

    /** A control plane must span at least as many failure domains after the move as before. */
    boolean keepsSpread(Allocation a, int host, List<String> sibFds) {
        if (a.kind() != HolderKind.CONTROL_PLANE) {
            return true;
        }
        Set<String> fds = new HashSet<>(sibFds);
        fds.add(p.fd(host));
        return fds.size() >= p.fdsBefore(a);
    }

    /** Where {@code a} ends up under this plan. */
    String finalHost(Allocation a) {
        Allocation m = moved.get(a.holderId());
        return m == null ? a.hostId() : m.hostId();
    }

    String head(int h) {
        return "site " + p.state.site().id() + ": host " + p.hostId(h) + " stays in use: ";
    }
}
