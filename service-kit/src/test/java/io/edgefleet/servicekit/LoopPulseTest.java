package io.edgefleet.servicekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LoopPulseTest {
    @Test
    void aLoopNotStartedOrStoppedIsNoProblem() {
        LoopPulse pulse = new LoopPulse("relay", Duration.ZERO);
        assertEquals(Optional.empty(), pulse.problem());
        pulse.started(null);
        pulse.stopped();
        assertEquals(Optional.empty(), pulse.problem());
    }

    @Test
    void aLoopWhoseThreadEndedIsReportedByName() throws Exception {
        LoopPulse pulse = new LoopPulse("outbox relay", Duration.ofHours(1));
        Thread thread = new Thread(() -> {
            throw new StackOverflowError("what catch (Exception) does not catch");
        }, "outbox-relay");
        thread.setUncaughtExceptionHandler((t, e) -> { });
        pulse.started(thread);
        thread.start();
        thread.join();
        assertEquals(Optional.of("outbox relay: its thread outbox-relay has ended"), pulse.problem());
    }

    @Test
    void aLiveLoopIsWellUntilItGoesWithoutATurnForLongerThanItsLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        try {
            LoopPulse patient = new LoopPulse("feed", Duration.ofHours(1));
            patient.started(thread);
            patient.turned();
            assertEquals(Optional.empty(), patient.problem());

            LoopPulse strict = new LoopPulse("feed", Duration.ZERO);
            strict.started(thread);
            Thread.sleep(5);
            assertTrue(strict.problem().orElseThrow().startsWith("feed: no turn for "), strict.problem().toString());
        } finally {
            release.countDown();
            thread.join();
        }
    }

    @Test
    void theVerdictNamesEveryLoopAndWhatIsWrongWithEach() throws Exception {
        LoopPulse well = new LoopPulse("reconcile", Duration.ofHours(1));
        well.started(null);
        LoopPulse stuck = new LoopPulse("heartbeat", Duration.ZERO);
        stuck.started(null);
        Thread.sleep(5);
        LoopPulse.Verdict verdict = LoopPulse.verdict(List.of(well, stuck));
        assertEquals("reconcile, heartbeat", verdict.loops());
        assertTrue(verdict.problems().startsWith("heartbeat: no turn for "), verdict.problems());
        assertFalse(verdict.healthy());
        assertTrue(LoopPulse.verdict(List.of(well)).healthy());
    }
}
