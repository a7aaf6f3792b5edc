package io.edgefleet.placement.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one {@link PlacementEngine#placeBatch batch placement}.
 *
 * @param budget     wall-clock budget; the search stops early when it is spent
 * @param iterations order changes the improvement search tries; bounds the work, so a batch
 *                   that ends before its budget depends on the seed alone
 * @param seed       seed of the search's random choices
 */
public record BatchOptions(Duration budget, int iterations, long seed) {

    public BatchOptions {
        Objects.requireNonNull(budget, "budget");
        if (iterations < 0 || budget.isNegative()) {
            throw new IllegalArgumentException("batch needs iterations >= 0 and a non-negative budget");
        }
    }

    /** 100 ms, 200 iterations, seed 0. */
    public static BatchOptions defaults() {
        return new BatchOptions(Duration.ofMillis(100), 200, 0);
    }
}
