package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;

/** Place and delete network functions. */
final class NetworkFunctionDecisions {

    private NetworkFunctionDecisions() {
    }

    static Decision place(SiteState state, NetworkFunctionRequest req, TeamQuota quota) {
        if (req.replicas() < 1 || req.pinnedCores() < 0 || req.hugepages() < 0 || req.memoryMib() < 0) {
            return Decision.rejected(RejectionCode.INVALID_REQUEST, "network function " + req.nfId()
                    + ": needs at least one replica and non-negative sizes");
        }
        if (ClusterDecisions.exists(state, req.nfId())) {
            return Decision.rejected(RejectionCode.ALREADY_EXISTS, "site " + state.site().id()
                    + ": network function " + req.nfId() + " already holds allocations here");
        }
        Resources size = req.replicaResources();
        Scratch s = new Scratch(state);
        boolean[] avoid = new boolean[s.hosts()];
        for (int i = 0; i < req.replicas(); i++) {
            String holder = req.nfId() + "/r-" + i;
            // host "" and node 0 are placeholders: the placer picks the real ones
            Allocation template = new Allocation(holder, HolderKind.NF_REPLICA, req.nfId(),
                    req.team(), "", 0, size, req.clusterId());
            int pick = NumaPlacer.choose(s.ledgers, template, avoid);
            if (pick >= 0) {
                s.place(template.movedTo(s.ledgers[pick / 1024].host().id(), pick % 1024));
            } else if (!Displacer.placeDisplacing(s, template, avoid)) {
                Rejection r = NumaExplainer.explain(s, template, "network-function replica " + holder, avoid);
                return Decision.rejected(r.code(), r.message());
            }
            String host = s.placed.get(s.placed.size() - 1).hostId();
            avoid[s.state.indexOf(host)] = true;
        }
        return ClusterDecisions.checkQuota(s, quota);
    }

    static Decision delete(SiteState state, String nfId) {
        Scratch s = new Scratch(state);
        for (Allocation a : state.allocationsOf(nfId)) {
            if (a.kind() == HolderKind.NF_REPLICA) {
                s.release(a);
            }
        }
        if (s.released.isEmpty()) {
            return Decision.rejected(RejectionCode.UNKNOWN_OWNER, "site " + state.site().id()
                    + ": network function " + nfId + " holds nothing here");
        }
        return s.decision();
    }
}
