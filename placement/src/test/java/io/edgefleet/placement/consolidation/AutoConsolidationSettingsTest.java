package io.edgefleet.placement.consolidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schedule's settings: off unless an interval is given, wrong values refused by name, the thresholds. */
class AutoConsolidationSettingsTest {

    @Test
    void unsetOrZeroIsOff() {
        assertFalse(AutoConsolidationSettings.of(Optional.empty(), 1, 16).enabled());
        assertFalse(AutoConsolidationSettings.of(Optional.of(Duration.ZERO), 1, 16).enabled());
        assertTrue(AutoConsolidationSettings.of(Optional.of(Duration.ofHours(6)), 1, 16).enabled());
    }

    @Test
    void wrongValuesAreRefusedNamingTheProperty() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> AutoConsolidationSettings.of(Optional.of(Duration.ofSeconds(-1)), 1, 16));
        assertTrue(negative.getMessage().startsWith("edgefleet.placement.consolidation.auto.interval "),
                negative.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AutoConsolidationSettings.of(Optional.empty(), 0, 16));
        assertTrue(none.getMessage().contains("min-hosts-freed must be 1 or more, got 0"), none.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> AutoConsolidationSettings.of(Optional.empty(), 1, ConsolidationPlanner.MAX_MOVES + 1));
        assertTrue(tooMany.getMessage().contains("max-moves must be between 1 and"), tooMany.getMessage());
    }

    @Test
    void aPlanIsStartedOnlyWhenItFreesEnoughHosts() {
        ConsolidationPlanner planner = new ConsolidationPlanner(Duration.ofSeconds(1));
        ConsolidationPlanner.Plan frees = planner.plan(ConsolidationPlannerTest.fragmented(), null);
        assertEquals(1, frees.hostsToFree().size(), frees.toString());
        assertTrue(AutoConsolidationSettings.of(Optional.of(Duration.ofHours(1)), 1, 16).worthStarting(frees));
        assertFalse(AutoConsolidationSettings.of(Optional.of(Duration.ofHours(1)), 2, 16).worthStarting(frees));
        ConsolidationPlanner.Plan capped = planner.plan(ConsolidationPlannerTest.fragmented(), 1);
        assertFalse(AutoConsolidationSettings.of(Optional.of(Duration.ofHours(1)), 1, 1).worthStarting(capped));
    }

    @Test
    void theRequestIdNamesTheScheduleTheSiteAndTheSecond() {
        assertEquals("/placement#auto-edge-par-03-1700000000",
                AutoConsolidationSettings.requestId("edge-par-03", Instant.ofEpochSecond(1_700_000_000L, 5)));
    }
}
