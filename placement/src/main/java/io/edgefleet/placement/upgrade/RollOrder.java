package io.edgefleet.placement.upgrade;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which replica a roll replaces next: the control plane first (its API servers must be at the new version
 * before any kubelet is, by the version skew policy), oldest first (lowest index), then the worker
 * microVMs the same way. Bare-metal workers are not microVMs placement can replace: they are left as they
 * are (ADR 0030).
 */
public final class RollOrder {
    private RollOrder() {
    }

    /** The next holder still at the old version, or empty when every microVM of the cluster runs the target. */
    public static Optional<Allocation> next(Collection<Allocation> clusterAllocations, Collection<String> upgraded) {
        for (HolderKind kind : List.of(HolderKind.CONTROL_PLANE, HolderKind.WORKER_VM)) {
            Optional<Allocation> oldest = clusterAllocations.stream()
                    .filter(a -> a.kind() == kind && !upgraded.contains(a.holderId()))
                    .min(Comparator.comparingInt(RollOrder::index).thenComparing(Allocation::holderId));
            if (oldest.isPresent()) {
                return oldest;
            }
        }
        return Optional.empty();
    }

    /** How many of {@code kind} are still at the old version. */
    public static int left(Collection<Allocation> clusterAllocations, Collection<String> upgraded, HolderKind kind) {
        return (int) clusterAllocations.stream().filter(a -> a.kind() == kind && !upgraded.contains(a.holderId())).count();
    }

    /** {@code c1/cp-2} is 2; a holder named outside the convention sorts first (it is the oldest). */
    static int index(Allocation a) {
        String id = a.holderId();
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
