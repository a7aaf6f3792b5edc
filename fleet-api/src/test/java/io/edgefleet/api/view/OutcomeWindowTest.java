package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outcome window: the newest outcomes within the age, at most max-entries of them, the oldest first out; an id
 * that left is answered "older than the window" (410), an id never seen stays unknown.
 */
class OutcomeWindowTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();

    private static RequestAccepted accepted(String id) {
        return new RequestAccepted(id, "edge-par-01", RequestKind.CLUSTER_CREATE, "c-" + id, T0);
    }

    private long now() {
        return clock.millis();
    }

    @Test
    void anOutcomeIsAnsweredWithinTheAgeAndGone410AfterIt() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofMinutes(10), 1000), clock);
        view.apply(accepted("r1"), now());

        clock.now = T0.plus(Duration.ofMinutes(9));
        view.expireOutcomes();
        assertEquals("ACCEPTED", view.outcome("r1").orElseThrow().status());

        clock.now = T0.plus(Duration.ofMinutes(11));
        view.expireOutcomes();
        OutcomeAgedOut gone = assertThrows(OutcomeAgedOut.class, () -> view.outcome("r1"));
        assertEquals(410, gone.status());
        assertTrue(gone.getMessage().contains("older than fleet-api's outcome window"), gone.getMessage());
        assertTrue(gone.getMessage().contains("10m (edgefleet.api.outcomes.max-age)"), gone.getMessage());
        assertTrue(view.outcome("never-seen").isEmpty(), "an id fleet-api never saw stays unknown (404)");
        assertEquals(0, view.outcomesHeld());
        assertEquals(1, view.outcomesEvicted("age"));
    }

    @Test
    void pastMaxEntriesTheOldestGoFirstAndTheNewestAreAllHeld() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofHours(1), 100), clock);
        for (int i = 0; i < 250; i++) {
            view.apply(accepted("r" + i), now());
        }
        assertEquals(100, view.outcomesHeld());
        for (int i = 150; i < 250; i++) {
            assertTrue(view.outcome("r" + i).isPresent(), "r" + i + " is among the newest 100");
        }
        assertThrows(OutcomeAgedOut.class, () -> view.outcome("r149"));
        assertThrows(OutcomeAgedOut.class, () -> view.outcome("r0"));
        assertEquals(150, view.outcomesEvicted("count"));
        assertEquals(0, view.outcomesEvicted("age"));
    }

    @Test
    void theNewestByPublicationAreHeldWhateverTheOrderTheyAreReadIn() {
        // A feed catching up reads one partition's backlog, then the next one's, older.
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofHours(1), 3), clock);
        for (int i = 0; i < 3; i++) {
            view.apply(accepted("new" + i), now() - 1000 + i);
        }
        for (int i = 0; i < 3; i++) {
            view.apply(accepted("old" + i), now() - 5000 + i);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(view.outcome("new" + i).isPresent(), "new" + i);
            final int n = i;
            assertThrows(OutcomeAgedOut.class, () -> view.outcome("old" + n));
        }
        assertEquals(1.0, view.outcomesReachSeconds(), 0.001);
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfOutcomes() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofHours(1), 1000), clock);
        for (int i = 0; i < 300_000; i++) {
            view.apply(accepted("/fleet-api#" + i), now());
        }
        assertEquals(1000, view.outcomesHeld());
        assertEquals(299_000, view.outcomesEvicted("count"));
        assertTrue(view.outcome("/fleet-api#299999").isPresent());
        // Aged-out ids are remembered for one to two windows' worth only, then an id is just unknown.
        assertTrue(view.outcome("/fleet-api#5").isEmpty());
        assertThrows(OutcomeAgedOut.class, () -> view.outcome("/fleet-api#298000"));
    }

    @Test
    void anOutcomePublishedBeforeTheWindowIsNotHeldButKnownAsAgedOut() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofMinutes(10), 1000), clock);
        view.apply(accepted("late"), now() - Duration.ofMinutes(11).toMillis());
        assertEquals(0, view.outcomesHeld());
        assertThrows(OutcomeAgedOut.class, () -> view.outcome("late"));
    }

    @Test
    void theFirstOutcomeOfARequestWinsAndItsAgeCountsFromItsPublication() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofMinutes(10), 1000), clock);
        view.apply(accepted("dup"), now());
        clock.now = T0.plus(Duration.ofMinutes(5));
        view.apply(new RequestRejected("dup", "edge-par-01", RequestKind.CLUSTER_CREATE, "c", "X", "m", List.of(),
                clock.instant()), now());
        assertEquals("ACCEPTED", view.outcome("dup").orElseThrow().status());
        assertEquals(1, view.outcomesHeld());
        assertEquals(300, view.outcomesReachSeconds(), 0.001);
    }

    @Test
    void aRejectionWithoutKindIsHeldWithoutOne() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofMinutes(10), 1000), clock);
        view.apply(new RequestRejected("broken", null, null, null, "INVALID_REQUEST", "$: not JSON", List.of("$"), T0),
                now());
        RequestOutcome outcome = view.outcome("broken").orElseThrow();
        assertEquals("REJECTED", outcome.status());
        assertNull(outcome.kind());
        assertEquals("INVALID_REQUEST", outcome.code());
    }

    @Test
    void refusedCreationsAreKeptForTheAgeOfTheWindow() {
        FleetView view = new FleetView(new OutcomeLimits(Duration.ofMinutes(10), 1000), clock);
        view.apply(new RequestRejected("nf1", "edge-par-01", RequestKind.NETWORK_FUNCTION_CREATE, "upf-1",
                "NO_NUMA_FIT", "no fit", List.of(), T0, "team-a"), now());
        long version = view.version();
        clock.now = T0.plus(Duration.ofMinutes(9));
        view.expireOutcomes();
        assertTrue(view.rejectedCreation("upf-1").isPresent());
        clock.now = T0.plus(Duration.ofMinutes(11));
        view.expireOutcomes();
        assertTrue(view.rejectedCreation("upf-1").isEmpty());
        assertTrue(view.rejectedCreations().isEmpty());
        assertTrue(view.version() > version, "the dashboard learns that the refusal went");
    }

    @Test
    void limitsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new OutcomeLimits(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeLimits(Duration.ofMinutes(1), 0));
        assertEquals("1h (edgefleet.api.outcomes.max-age) and at most the newest 100000"
                + " (edgefleet.api.outcomes.max-entries)", OutcomeLimits.DEFAULT.describe());
    }
}
