package io.edgefleet.placement.consolidation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The opt-in schedule of automatic consolidations (ADR 0031): how often each site is looked at, how
 * many hosts a plan must free to be worth moving running microVMs for, and how many moves one run
 * makes. Pure, so a wrong setting is refused at start with the property named, never half applied.
 *
 * @param interval      how often (zero: never, the default)
 * @param minHostsFreed a plan freeing fewer hosts is not started
 * @param maxMoves      the planner's cap on moves per run
 */
public record AutoConsolidationSettings(Duration interval, int minHostsFreed, int maxMoves) {
    static final String PREFIX = "edgefleet.placement.consolidation.auto.";

    /** The request id an automatic run gets: the placement source, then what and when, so it reads as what it is. */
    static final String REQUEST_PREFIX = "/placement#auto-";

    public AutoConsolidationSettings {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "interval must be a duration of 0 (off) or more, got "
                    + interval);
        }
        if (minHostsFreed < 1) {
            throw new IllegalArgumentException(PREFIX + "min-hosts-freed must be 1 or more, got " + minHostsFreed);
        }
        if (maxMoves < 1 || maxMoves > ConsolidationPlanner.MAX_MOVES) {
            throw new IllegalArgumentException(PREFIX + "max-moves must be between 1 and "
                    + ConsolidationPlanner.MAX_MOVES + ", got " + maxMoves);
        }
    }

    /** The settings as configured; an unset interval is off. */
    static AutoConsolidationSettings of(Optional<Duration> interval, int minHostsFreed, int maxMoves) {
        return new AutoConsolidationSettings(interval.orElse(Duration.ZERO), minHostsFreed, maxMoves);
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    /** Whether a plan frees enough hosts to be started. */
    boolean worthStarting(ConsolidationPlanner.Plan plan) {
        return !plan.moves().isEmpty() && plan.hostsToFree().size() >= minHostsFreed;
    }

    /** The request id of the automatic run on {@code siteId} started at {@code now}; an operator cancels it by site. */
    static String requestId(String siteId, Instant now) {
        return REQUEST_PREFIX + siteId + "-" + now.getEpochSecond();
    }
}
