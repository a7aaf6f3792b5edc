package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scale a cluster's control plane between 1, 3, 5 and 7 replicas (odd: an etcd quorum). New replicas take the next
 * indexes ({@code cp-3}, {@code cp-4}) and the size of the existing ones, on hosts without a
 * sibling and in failure domains without one when the site has enough (as at creation);
 * scaling down removes the highest indexes, which are the newest.
 */
final class ControlPlaneScaling {

    private ControlPlaneScaling() {
    }

    static Decision scale(SiteState state, String clusterId, int replicas, TeamQuota quota) {
        if (!ClusterDecisions.CONTROL_PLANE_REPLICAS.contains(replicas)) {
            return Decision.rejected(RejectionCode.INVALID_REQUEST, "cluster " + clusterId
                    + ": a control plane has 1, 3, 5 or 7 replicas, not " + replicas);
        }
        List<Allocation> cps = new ArrayList<>();
        for (Allocation a : state.allocationsOf(clusterId)) {
            if (a.kind() == HolderKind.CONTROL_PLANE) {
                cps.add(a);
            }
        }
        if (cps.isEmpty()) {
            return Decision.rejected(RejectionCode.UNKNOWN_OWNER, "site " + state.site().id()
                    + ": cluster " + clusterId + " has no control plane here");
        }
        cps.sort(Comparator.comparingInt(ControlPlaneScaling::index));
        Scratch s = new Scratch(state);
        // Newest last: the highest indexes go first when shrinking.
        for (int i = cps.size() - 1; i >= replicas; i--) {
            s.release(cps.get(i));
        }
        Allocation model = cps.get(0);
        boolean hard = ClusterDecisions.failureDomains(s.ledgers) >= replicas;
        boolean[] avoid = new boolean[s.hosts()];
        List<String> usedFds = new ArrayList<>();
        for (Allocation a : cps) {
            int h = state.indexOf(a.hostId());
            avoid[h] = true;
            usedFds.add(s.ledgers[h].host().failureDomain());
        }
        int next = index(cps.get(cps.size() - 1)) + 1;
        for (int added = cps.size(); added < replicas; added++, next++) {
            String holder = clusterId + "/cp-" + next;
            int h = MicroVmPlacer.choose(s.ledgers, model.resources(), avoid, usedFds, hard);
            if (h < 0) {
                Rejection r = MicroVmExplainer.explain(s, model.resources(),
                        "control-plane replica " + holder, avoid, usedFds, hard);
                return Decision.rejected(r.code(), r.message());
            }
            Host host = s.ledgers[h].host();
            s.place(new Allocation(holder, HolderKind.CONTROL_PLANE, clusterId, model.team(),
                    host.id(), Allocation.ANY_NUMA, model.resources()));
            avoid[h] = true;
            usedFds.add(host.failureDomain());
        }
        return ClusterDecisions.checkQuota(s, quota);
    }

    private static int index(Allocation a) {
        String id = a.holderId();
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1; // named outside the convention: the oldest, never removed first
        }
    }
}
