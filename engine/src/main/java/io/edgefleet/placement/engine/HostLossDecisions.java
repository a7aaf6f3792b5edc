package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A host is lost: treat it as DOWN and re-place everything it held, network functions first
 * (they outrank control planes and may displace them), then control planes, then workers.
 * What cannot be re-placed is listed with the reason; its allocation is released anyway,
 * because the host it pointed at is gone.
 */
final class HostLossDecisions {

    private HostLossDecisions() {
    }

    static Decision hostLost(SiteState state, String hostId) {
        if (state.indexOf(hostId) < 0) {
            return Decision.rejected(RejectionCode.CANNOT_REPLACE, "site " + state.site().id()
                    + ": no host " + hostId);
        }
        List<Host> hosts = new ArrayList<>();
        for (Host h : state.site().hosts()) {
            hosts.add(h.id().equals(hostId) ? new Host(h.id(), h.failureDomain(), HostState.DOWN,
                    h.capabilities(), h.numaNodes(), h.reserved(), h.cpuAllocationRatio(), h.diskGib()) : h);
        }
        SiteState down = state.withSite(new Site(state.site().id(), hosts));
        Scratch s = new Scratch(down);
        List<Allocation> lost = new ArrayList<>(down.allocationsOn(hostId));
        lost.sort(Comparator.comparingInt((Allocation a) -> Relocator.priority(a.kind()))
                .thenComparing(Allocation::holderId));
        List<Unplaced> unplaced = new ArrayList<>();
        for (Allocation a : lost) {
            Rejection r = Relocator.move(s, a, true);
            if (r != null) {
                unplaced.add(new Unplaced(a, r));
                s.release(a);
            }
        }
        return new Decision(s.placed, s.released, null, unplaced);
    }
}
