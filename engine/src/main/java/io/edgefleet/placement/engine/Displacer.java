package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rule 4: a network-function replica may displace control-plane microVMs. On every host/NUMA
 * node where the replica would fit without them, count the control planes that must leave
 * (largest first, so as few as possible move); take the candidate moving the fewest whose
 * displaced replicas can all be re-placed elsewhere, new replica placed before the old is
 * released.
 */
final class Displacer {

    private Displacer() {
    }

    /**
     * Places {@code nf} (its target host/node is chosen here), moving control planes out of
     * the way. Returns false, with {@code s} unchanged, when no candidate works.
     */
    static boolean placeDisplacing(Scratch s, Allocation nf, boolean[] avoid) {
        List<int[]> candidates = new ArrayList<>(); // {host, node, moves}
        for (int i = 0; i < s.hosts(); i++) {
            HostLedger h = s.ledgers[i];
            if (avoid[i] || !NumaPlacer.eligible(h, nf)) {
                continue;
            }
            List<Allocation> cps = controlPlanesOn(s, h.host().id());
            for (int n = 0; n < h.numaNodes(); n++) {
                HostLedger trial = h;
                int moves = 0;
                while (!trial.fitsOnNode(nf.resources(), n) && moves < cps.size()) {
                    trial = trial.without(cps.get(moves++));
                }
                if (moves > 0 && trial.fitsOnNode(nf.resources(), n)) {
                    candidates.add(new int[] {i, n, moves});
                }
            }
        }
        candidates.sort(Comparator.comparingInt(c -> c[2]));
        for (int[] c : candidates) {
            Scratch trial = s.copy();
            String hostId = s.ledgers[c[0]].host().id();
            List<Allocation> cps = controlPlanesOn(s, hostId);
            boolean ok = true;
            for (int m = 0; m < c[2] && ok; m++) {
                ok = Relocator.move(trial, cps.get(m), false) == null;
            }
            Allocation placed = nf.movedTo(hostId, c[1]);
            if (ok && trial.ledgers[c[0]].fitsOnNode(nf.resources(), c[1])) {
                trial.place(placed);
                trial.remove(nf);
                adopt(s, trial);
                return true;
            }
        }
        return false;
    }

    private static List<Allocation> controlPlanesOn(Scratch s, String hostId) {
        List<Allocation> cps = new ArrayList<>();
        for (Allocation a : s.allocationsOn(hostId)) {
            if (a.kind() == HolderKind.CONTROL_PLANE) {
                cps.add(a);
            }
        }
        cps.sort(Comparator.comparingInt((Allocation a) -> a.resources().vcpu())
                .thenComparingLong(a -> a.resources().memoryMib()).reversed());
        return cps;
    }

    private static void adopt(Scratch into, Scratch from) {
        System.arraycopy(from.ledgers, 0, into.ledgers, 0, into.ledgers.length);
        into.placed.clear();
        into.placed.addAll(from.placed);
        into.released.clear();
        into.released.addAll(from.released);
    }
}
