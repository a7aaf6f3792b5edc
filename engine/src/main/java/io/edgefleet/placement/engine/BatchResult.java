package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Allocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of a batch placement: one decision per request, all or nothing per request.
 *
 * <p>{@code decisions.get(i)} answers request i (input order): accepted with its allocations,
 * or rejected with the usual code and sentence. Each accepted decision was computed on the
 * site after the requests decided before it ({@link #order}); a batch only places, never
 * moves or releases, so persisting all accepted decisions (or {@link #combined}) gives the
 * same site in any order.
 *
 * @param decisions              per request, in input order
 * @param order                  input indexes in the order they were decided
 * @param acceptedInArrivalOrder how many one-by-one placement in input order would accept
 * @param budgetExhausted        true when the time budget cut the search short
 */
public record BatchResult(List<Decision> decisions, List<Integer> order, int acceptedInArrivalOrder,
                          boolean budgetExhausted) {

    public BatchResult {
        decisions = List.copyOf(decisions);
        order = List.copyOf(order);
    }

    /** Number of accepted requests. */
    public int accepted() {
        int n = 0;
        for (Decision d : decisions) {
            n += d.accepted() ? 1 : 0;
        }
        return n;
    }

    /** Every accepted request's allocations as one decision. */
    public Decision combined() {
        List<Allocation> placed = new ArrayList<>();
        for (int i : order) {
            if (decisions.get(i).accepted()) {
                placed.addAll(decisions.get(i).placed());
            }
        }
        return Decision.of(placed, List.of());
    }
}
