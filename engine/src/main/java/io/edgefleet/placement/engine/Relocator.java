package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves one existing holder to another host, keeping its rules: control-plane replicas avoid
 * their siblings' hosts and failure domains, NF replicas their siblings' hosts. Make before
 * break: the new allocation is placed while the old one still holds its capacity, then the
 * old one is released.
 */
final class Relocator {

    private Relocator() {
    }

    /** Moves {@code a} off its host (which is also avoided); null on success, else why not. */
    static Rejection move(Scratch s, Allocation a, boolean allowDisplacement) {
        boolean[] avoid = new boolean[s.hosts()];
        int own = s.state.indexOf(a.hostId());
        avoid[own] = true;
        List<String> usedFds = new ArrayList<>();
        for (Allocation sib : s.allocationsOf(a.ownerId())) {
            if (sib.kind() == a.kind() && !sib.holderId().equals(a.holderId())) {
                int i = s.state.indexOf(sib.hostId());
                avoid[i] = true;
                usedFds.add(s.ledgers[i].host().failureDomain());
            }
        }
        String what = describe(a);
        Allocation moved;
        switch (a.kind()) {
            case CONTROL_PLANE -> {
                boolean hard = ClusterDecisions.failureDomains(s.ledgers) >= usedFds.size() + 1;
                int h = MicroVmPlacer.choose(s.ledgers, a.resources(), avoid, usedFds, hard);
                if (h < 0) {
                    return MicroVmExplainer.explain(s, a.resources(), what, avoid, usedFds, hard);
                }
                moved = a.movedTo(s.ledgers[h].host().id(), Allocation.ANY_NUMA);
            }
            case WORKER_VM -> {
                boolean[] self = new boolean[s.hosts()];
                self[own] = true;
                int h = MicroVmPlacer.choose(s.ledgers, a.resources(), self, null, false);
                if (h < 0) {
                    return MicroVmExplainer.explain(s, a.resources(), what, self, null, false);
                }
                moved = a.movedTo(s.ledgers[h].host().id(), Allocation.ANY_NUMA);
            }
            case WORKER_BAREMETAL -> {
                Scratch trial = s.copy();
                Rejection r = ClusterDecisions.placeBareMetal(trial, a.ownerId(), a.team(), 0, 1);
                if (r != null) {
                    return r;
                }
                Allocation chosen = trial.placed.get(trial.placed.size() - 1);
                moved = a.movedTo(chosen.hostId(), Allocation.ANY_NUMA);
            }
            case NF_REPLICA -> {
                int pick = NumaPlacer.choose(s.ledgers, a, avoid);
                if (pick < 0 && allowDisplacement) {
                    return Displacer.placeDisplacing(s, a, avoid) ? null
                            : NumaExplainer.explain(s, a, what, avoid);
                }
                if (pick < 0) {
                    return NumaExplainer.explain(s, a, what, avoid);
                }
                moved = a.movedTo(s.ledgers[pick / 1024].host().id(), pick % 1024);
            }
            default -> throw new IllegalStateException(a.kind().toString());
        }
        s.place(moved);
        s.remove(a);
        return null;
    }

    static String describe(Allocation a) {
        return switch (a.kind()) {
            case CONTROL_PLANE -> "control-plane replica " + a.holderId();
            case WORKER_VM, WORKER_BAREMETAL -> "worker " + a.holderId();
            case NF_REPLICA -> "network-function replica " + a.holderId();
        };
    }

    static int priority(HolderKind k) {
        // Network functions outrank control planes, which outrank workers.
        return switch (k) {
            case NF_REPLICA -> 0;
            case CONTROL_PLANE -> 1;
            case WORKER_BAREMETAL -> 2;
            case WORKER_VM -> 3;
        };
    }
}
