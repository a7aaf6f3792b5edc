package io.edgefleet.agent.driver.simulated;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the simulated driver sees it. Injected so tests (and fleet simulations) can run on a
 * virtual clock where "waiting 125 ms for a boot" costs nothing and gives the same answer every run.
 */
public interface SimClock {

    /** The current instant. */
    Instant now();

    /** Waits for the given duration (a virtual clock just advances). */
    void sleep(Duration duration);

    /** Wall-clock time and real sleeping. */
    SimClock SYSTEM = new SimClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            try {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };
}
