package io.edgefleet.placement.plan;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.store.AllocationDetail;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/**
 * The control-plane microVM that runs {@code kubeadm init}: the first one of a new cluster (the
 * lowest replica index, {@code cp-0}). Chosen once, when the cluster is created, and kept on the
 * cluster row for its life: a replacement of that replica is a new microVM (a new id), so it joins
 * like every other one instead of initialising a second cluster. Scaling down never removes it
 * either: the engine removes the newest replicas (highest index) first.
 */
public final class InitReplica {
    private InitReplica() {
    }

    /** The microVM id of the first control-plane replica among {@code placed}; null when there is none. */
    public static String of(Collection<Allocation> placed, Map<String, AllocationDetail> details) {
        return placed.stream()
                .filter(a -> a.kind() == HolderKind.CONTROL_PLANE)
                .min(Comparator.comparingInt((Allocation a) -> index(a.holderId())).thenComparing(Allocation::holderId))
                .map(a -> {
                    AllocationDetail d = details.get(a.holderId());
                    return d != null && d.microVmId() != null ? d.microVmId() : MicroVmIds.fromHolder(a.holderId());
                })
                .orElse(null);
    }

    /** {@code demo/cp-2} is 2; a holder named outside the convention sorts last. */
    static int index(String holderId) {
        try {
            return Integer.parseInt(holderId.substring(holderId.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
