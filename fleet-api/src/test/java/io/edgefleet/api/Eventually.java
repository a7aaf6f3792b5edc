package io.edgefleet.api;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for the read side to catch up with what a test published (it follows Kafka asynchronously). */
public final class Eventually {
    static final Duration LIMIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + LIMIT.toSeconds() + " s; last: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = probe.get();
        }
        return last;
    }
}
