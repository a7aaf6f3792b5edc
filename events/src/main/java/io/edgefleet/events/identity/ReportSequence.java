package io.edgefleet.events.identity;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sequence number every signed report carries ({@code seq} in the signature's protected header):
 * the current time in microseconds since the epoch, or one more than the previous number if that is
 * larger. Strictly increasing within this JVM (one counter for every signer in it), and across agent
 * restarts without a local store, because a restart takes far longer than a microsecond: the first
 * number after it is later than the last one before it, as long as the host's clock did not step back
 * by more than the downtime. Being a time, it can also be compared with a time placement already
 * stores (its report clock) when it has not seen a signer's sequence yet (ADR 0027).
 */
public final class ReportSequence {
    private static final AtomicLong LAST = new AtomicLong();

    private ReportSequence() {
    }

    /** The next sequence number of this JVM. */
    public static long next() {
        return next(micros(Instant.now()));
    }

    /** The next number given the time now, in microseconds (tests). */
    static long next(long nowMicros) {
        return LAST.accumulateAndGet(nowMicros, (previous, now) -> Math.max(previous + 1, now));
    }

    /** An instant in microseconds since the epoch. */
    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }
}
