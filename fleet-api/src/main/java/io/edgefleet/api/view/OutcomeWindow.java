package io.edgefleet.api.view;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcomes of the newest requests: those published within {@link OutcomeLimits#maxAge()}, at most
 * {@link OutcomeLimits#maxEntries()} of them, the oldest going first (docs/adr/0028). Oldest first on purpose: every
 * outcome is written once and read a few times at most, so a cache that favours frequently read entries (W-TinyLFU)
 * would throw out the newest outcomes, the very ones callers poll for. Oldest by publication, not by arrival: a feed
 * that catches up reads one partition's backlog after another, so the last outcome read is not the newest one.
 *
 * <p>One writer (the view feed) adds and expires under this object's lock; readers only look into the concurrent
 * map. Ids that left are remembered in {@link AgedOutIds}, so that asking for them says so.
 */
final class OutcomeWindow {
    /**
     * An outcome with the time it was published (its record's timestamp), which its age is counted from, and its
     * place in arrival order, which decides between outcomes of the same millisecond.
     */
    private record Held(RequestOutcome outcome, long publishedAt, long arrival) {
    }

    private final OutcomeLimits limits;
    private final Clock clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Every held outcome, the earliest published at the head. */
    private final PriorityQueue<Held> order = new PriorityQueue<>(
            Comparator.comparingLong(Held::publishedAt).thenComparingLong(Held::arrival));
    private long arrivals;
    private final AgedOutIds agedOut;
    private final AtomicLong evictedForAge = new AtomicLong();
    private final AtomicLong evictedForCount = new AtomicLong();
    private volatile long oldestPublishedAt = -1;

    OutcomeWindow(OutcomeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // Remember between one and two windows' worth of aged-out ids, up to 2^20 a generation (16 MiB in all).
        this.agedOut = new AgedOutIds(Math.min(limits.maxEntries(), 1 << 20));
    }

    /**
     * Holds the request's first outcome (a replayed or duplicate one changes nothing). One published longer ago than
     * the window, or before all the newest max-entries, is not held, only remembered as aged out.
     *
     * @return whether it is now held
     */
    synchronized boolean add(RequestOutcome outcome, long publishedAt) {
        long now = clock.millis();
        if (tooOld(publishedAt, now)) {
            if (!held.containsKey(outcome.requestId())) {
                agedOut.add(outcome.requestId());
                evictedForAge.incrementAndGet();
            }
            return false;
        }
        Held h = new Held(outcome, publishedAt, arrivals++);
        if (held.putIfAbsent(outcome.requestId(), h) != null) {
            return false;
        }
        order.add(h);
        expire(now);
        return held.get(outcome.requestId()) == h;
    }

    /** Lets go of the outcomes that aged out; the feed calls it after every poll, so a quiet topic expires too. */
    synchronized int expire() {
        return expire(clock.millis());
    }

    private int expire(long now) {
        int gone = 0;
        while (!order.isEmpty()) {
            Held oldest = order.peek();
            boolean tooMany = order.size() > limits.maxEntries();
            boolean tooOld = tooOld(oldest.publishedAt(), now);
            if (!tooMany && !tooOld) {
                break;
            }
            order.poll();
            held.remove(oldest.outcome().requestId(), oldest);
            agedOut.add(oldest.outcome().requestId());
            (tooMany ? evictedForCount : evictedForAge).incrementAndGet();
            gone++;
        }
        oldestPublishedAt = order.isEmpty() ? -1 : order.peek().publishedAt();
        return gone;
    }

    private boolean tooOld(long publishedAt, long now) {
        return publishedAt < now - limits.maxAge().toMillis();
    }

    Optional<RequestOutcome> get(String requestId) {
        Held h = held.get(requestId);
        return h == null ? Optional.empty() : Optional.of(h.outcome());
    }

    /** Whether this id's outcome was held and left the window (recently enough to be remembered). */
    boolean agedOut(String requestId) {
        return !held.containsKey(requestId) && agedOut.contains(requestId);
    }

    int size() {
        return held.size();
    }

    long evictedForAge() {
        return evictedForAge.get();
    }

    long evictedForCount() {
        return evictedForCount.get();
    }

    /** When the oldest held outcome was published, if any is held. */
    Optional<Instant> oldestPublishedAt() {
        long at = oldestPublishedAt;
        return at < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
    }

    /** Seconds since the oldest held outcome was published: how far back GET /api/v1/requests/{id} reaches now. */
    double reachSeconds() {
        long at = oldestPublishedAt;
        return at < 0 ? 0 : Math.max(0, clock.millis() - at) / 1000.0;
    }

    OutcomeLimits limits() {
        return limits;
    }
}
