package io.edgefleet.agent.driver.simulated;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A virtual clock for tests: sleeping advances it, nothing ever waits. */
final class ManualClock implements SimClock {

    private final AtomicLong millis;

    ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration.toMillis());
    }

    void advance(long ms) {
        millis.addAndGet(Math.max(0, ms));
    }
}
