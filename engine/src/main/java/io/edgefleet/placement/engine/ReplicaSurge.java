package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * One extra replica beside an existing one that is to leave right after (a rolling replacement, e.g. a
 * Kubernetes version upgrade): make before break, one replica at a time. The newcomer is a new holder with
 * the next index of its kind ({@code cp-3} beside {@code cp-0..2}) and the size of the one it replaces.
 *
 * <p>A control-plane newcomer goes to a host without a sibling, in a failure domain that none of the
 * replicas staying holds when the site has enough of them. A site with no free distinct host (three hosts,
 * three replicas) puts it on the host of the replica it replaces, which leaves once the newcomer has joined:
 * from the newcomer's promotion to a voter until the old member is removed, four voters have two on that
 * host, so losing that one host loses quorum while losing any other keeps three of four. Removing first
 * instead would leave two voters for a whole join, when losing either host loses quorum (ADR 0030).
 * Worker microVMs have no spreading rule: theirs is the densest host that fits.
 */
final class ReplicaSurge {

    private ReplicaSurge() {
    }

    static Decision surge(SiteState state, String clusterId, String replacedHolderId) {
        Allocation replaced = state.allocation(replacedHolderId);
        if (replaced == null || !replaced.ownerId().equals(clusterId)
                || (replaced.kind() != HolderKind.CONTROL_PLANE && replaced.kind() != HolderKind.WORKER_VM)) {
            return Decision.rejected(RejectionCode.UNKNOWN_OWNER, "site " + state.site().id() + ": cluster "
                    + clusterId + " has no control-plane or worker microVM " + replacedHolderId);
        }
        List<Allocation> siblings = new ArrayList<>();
        int next = 0;
        for (Allocation a : state.allocationsOf(clusterId)) {
            if (a.kind() == replaced.kind()) {
                siblings.add(a);
                next = Math.max(next, index(a) + 1);
            }
        }
        String prefix = replaced.kind() == HolderKind.CONTROL_PLANE ? "/cp-" : "/w-";
        String holder = clusterId + prefix + next;
        Scratch s = new Scratch(state);
        int h;
        if (replaced.kind() == HolderKind.WORKER_VM) {
            h = MicroVmPlacer.choose(s.ledgers, replaced.resources(), null, null, false);
            if (h < 0) {
                Rejection r = MicroVmExplainer.explain(s, replaced.resources(), "worker " + holder, null, null, false);
                return Decision.rejected(r.code(), r.message());
            }
        } else {
            boolean[] avoid = new boolean[s.hosts()];
            List<String> stayingFds = new ArrayList<>();
            for (Allocation a : siblings) {
                avoid[state.indexOf(a.hostId())] = true;
                if (!a.holderId().equals(replacedHolderId)) {
                    stayingFds.add(s.ledgers[state.indexOf(a.hostId())].host().failureDomain());
                }
            }
            // The count after the step: as many replicas as now, spread as at creation.
            boolean hard = ClusterDecisions.failureDomains(s.ledgers) >= siblings.size();
            h = MicroVmPlacer.choose(s.ledgers, replaced.resources(), avoid, stayingFds, hard);
            if (h < 0) {
                // No free distinct host: beside the replica it replaces, which leaves right after.
                boolean[] besideReplaced = avoid.clone();
                besideReplaced[state.indexOf(replaced.hostId())] = false;
                h = MicroVmPlacer.choose(s.ledgers, replaced.resources(), besideReplaced, stayingFds, hard);
                if (h < 0) {
                    Rejection r = MicroVmExplainer.explain(s, replaced.resources(), "control-plane replica " + holder
                            + " (replacing " + replacedHolderId + ")", besideReplaced, stayingFds, hard);
                    return Decision.rejected(r.code(), r.message());
                }
            }
        }
        Host host = s.ledgers[h].host();
        s.place(new Allocation(holder, replaced.kind(), clusterId, replaced.team(), host.id(), Allocation.ANY_NUMA,
                replaced.resources()));
        return s.decision();
    }

    private static int index(Allocation a) {
        String id = a.holderId();
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1; // named outside the convention: takes no index
        }
    }
}
