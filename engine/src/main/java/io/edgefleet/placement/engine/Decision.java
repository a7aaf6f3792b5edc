package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Outcome of one engine call: a pure value computed from a {@link SiteState}, which the
 * placement service persists.
 *
 * <p>Make-before-break: an allocation in {@link #placed} whose holder id also appears in
 * {@link #released} is a move; the new one must be running before the old one is stopped.
 * Everything else in {@code released} is simply freed.
 *
 * @param placed    new allocations (including the new side of moves)
 * @param released  allocations to free (including the old side of moves)
 * @param rejection why nothing was done, or null when accepted
 * @param unplaced  holders of a lost host that could not be re-placed (host loss only)
 */
public record Decision(List<Allocation> placed, List<Allocation> released, Rejection rejection,
                       List<Unplaced> unplaced) {

    public Decision {
        placed = List.copyOf(placed);
        released = List.copyOf(released);
        unplaced = List.copyOf(unplaced);
        if (rejection != null && !(placed.isEmpty() && released.isEmpty())) {
            throw new IllegalArgumentException("a rejection changes nothing");
        }
    }

    /** An accepted decision. */
    public static Decision of(List<Allocation> placed, List<Allocation> released) {
        return new Decision(placed, released, null, List.of());
    }

    /** A refused decision: nothing changes. */
    public static Decision rejected(RejectionCode code, String message) {
        return new Decision(List.of(), List.of(), new Rejection(code, message), List.of());
    }

    /** True when the decision was accepted (it may still list {@link #unplaced} holders). */
    public boolean accepted() {
        return rejection == null;
    }

    /** The new sides of moves: allocations that replace a released one of the same holder. */
    public List<Allocation> moves() {
        Set<String> gone = new HashSet<>();
        released.forEach(a -> gone.add(a.holderId()));
        List<Allocation> out = new ArrayList<>();
        for (Allocation a : placed) {
            if (gone.contains(a.holderId())) {
                out.add(a);
            }
        }
        return out;
    }

    /** The state after this decision. */
    public SiteState applyTo(SiteState state) {
        return state.apply(placed, released);
    }
}
