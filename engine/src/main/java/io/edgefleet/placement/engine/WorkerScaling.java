package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Scale a cluster's workers up or down; the control plane stays where it is. */
final class WorkerScaling {

    private WorkerScaling() {
    }

    static Decision scale(SiteState state, String clusterId, Workers target, TeamQuota quota) {
        List<Allocation> mine = state.allocationsOf(clusterId);
        if (mine.isEmpty()) {
            return Decision.rejected(RejectionCode.UNKNOWN_OWNER, "site " + state.site().id()
                    + ": cluster " + clusterId + " holds nothing here");
        }
        HolderKind kind = target.mode() == Workers.Mode.BARE_METAL
                ? HolderKind.WORKER_BAREMETAL : HolderKind.WORKER_VM;
        List<Allocation> workers = new ArrayList<>();
        for (Allocation a : mine) {
            if (a.kind() == HolderKind.WORKER_BAREMETAL || a.kind() == HolderKind.WORKER_VM) {
                if (a.kind() != kind || (target.size() != null
                        && !a.resources().equals(target.size().resources()))) {
                    return Decision.rejected(RejectionCode.INVALID_REQUEST, "cluster " + clusterId
                            + ": scaling keeps the workers' kind and size; " + a.holderId()
                            + " is " + a.kind() + " " + a.resources().describe());
                }
                workers.add(a);
            }
        }
        String team = mine.get(0).team();
        Scratch s = new Scratch(state);
        // Shrink from the highest index, so names stay dense; grow into the first free index.
        workers.sort(Comparator.comparingInt(WorkerScaling::index).reversed());
        for (int i = 0; i < workers.size() - target.count(); i++) {
            s.release(workers.get(i));
        }
        Set<Integer> taken = new HashSet<>();
        workers.forEach(w -> taken.add(index(w)));
        int next = 0;
        for (int added = workers.size(); added < target.count(); added++) {
            while (taken.contains(next)) {
                next++;
            }
            taken.add(next);
            Rejection r = kind == HolderKind.WORKER_BAREMETAL
                    ? ClusterDecisions.placeBareMetal(s, clusterId, team, next, next + 1)
                    : ClusterDecisions.placeWorkerVms(s, clusterId, team, next, next + 1,
                    target.size().resources());
            if (r != null) {
                return Decision.rejected(r.code(), r.message());
            }
        }
        return ClusterDecisions.checkQuota(s, quota);
    }

    private static int index(Allocation a) {
        String id = a.holderId();
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // a worker named outside the convention sorts last
        }
    }
}
