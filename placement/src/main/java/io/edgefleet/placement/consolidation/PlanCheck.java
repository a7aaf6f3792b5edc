package io.edgefleet.placement.consolidation;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.HostState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a stored plan still holds on the site as it is now. Pure. A plan made at one time is
 * performed later (a dry run, then an APPLY; or the next wave of moves): in between, clusters come
 * and go. The moves not started must still start from where the plan saw their holders, fit their
 * targets together (while the old sides still run), keep control-plane replicas on distinct hosts,
 * and the hosts to free must hold nothing but what moves.
 */
public final class PlanCheck {

    private PlanCheck() {
    }

    /** Empty when the plan holds, else the first reason it does not, in words. */
    public static Optional<String> stale(SiteState now, List<PlannedMove> moves, List<String> hostsToFree) {
        Map<String, String> finalHost = new HashMap<>();
        Map<String, HostLedger> receiving = new HashMap<>();
        Set<String> moving = new HashSet<>();
        for (PlannedMove m : moves) {
            moving.add(m.holderId());
            if (m.phase() != PlannedMove.Phase.PENDING) {
                continue;
            }
            Allocation current = now.allocation(m.holderId());
            if (current == null) {
                return Optional.of(m.holderId() + " is gone");
            }
            if (!current.hostId().equals(m.fromHostId())) {
                return Optional.of(m.holderId() + " now runs on host " + current.hostId() + ", not " + m.fromHostId());
            }
            HostLedger target = receiving.get(m.toHostId());
            if (target == null) {
                target = now.host(m.toHostId());
                if (target == null) {
                    return Optional.of("host " + m.toHostId() + " is no longer part of the site");
                }
                if (target.host().state() != HostState.READY) {
                    return Optional.of("host " + m.toHostId() + " is " + target.host().state() + ", not READY");
                }
            }
            target = target.with(m.target(current));
            if (!target.withinCapacity() || target.exclusiveOwner() != null) {
                return Optional.of("host " + m.toHostId() + " has no room left for " + m.holderId());
            }
            receiving.put(m.toHostId(), target);
            finalHost.put(m.holderId(), m.toHostId());
        }
        for (PlannedMove m : moves) {
            Allocation current = now.allocation(m.holderId());
            if (m.phase() != PlannedMove.Phase.PENDING || current.kind() != HolderKind.CONTROL_PLANE) {
                continue;
            }
            for (Allocation sibling : now.allocationsOf(current.ownerId())) {
                String at = finalHost.getOrDefault(sibling.holderId(), sibling.hostId());
                if (sibling.kind() == HolderKind.CONTROL_PLANE && !sibling.holderId().equals(m.holderId())
                        && at.equals(m.toHostId())) {
                    return Optional.of("host " + m.toHostId() + " now runs " + sibling.holderId()
                            + ", a sibling of " + m.holderId());
                }
            }
        }
        for (String hostId : hostsToFree) {
            for (Allocation a : now.allocationsOn(hostId)) {
                if (!moving.contains(a.holderId())) {
                    return Optional.of("host " + hostId + " now also holds " + a.holderId());
                }
            }
        }
        return Optional.empty();
    }
}
