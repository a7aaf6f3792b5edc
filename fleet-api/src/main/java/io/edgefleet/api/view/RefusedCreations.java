package io.edgefleet.api.view;

import io.edgefleet.events.outcome.RequestRejected;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest refused creation of each network function id (an NF that was never placed has no status to show),
 * kept as long as outcomes are: published within {@link OutcomeLimits#maxAge()}, at most
 * {@link OutcomeLimits#maxEntries()} refusals remembered, the oldest going first. Refusals are rare next to all
 * outcomes, so in practice the age decides.
 */
final class RefusedCreations {
    private record Refusal(RequestRejected rejected, long publishedAt, long arrival) {
    }

    private final OutcomeLimits limits;
    private final Clock clock;
    private final Map<String, RequestRejected> newest = new ConcurrentHashMap<>();
    /** Every refusal taken, earliest published first; one replaced by a newer refusal of its id is skipped. */
    private final PriorityQueue<Refusal> order = new PriorityQueue<>(
            Comparator.comparingLong(Refusal::publishedAt).thenComparingLong(Refusal::arrival));
    private long arrivals;

    RefusedCreations(OutcomeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Keeps the newer of two refusals of an id, whatever their order of arrival (replays, restarts). */
    synchronized void add(RequestRejected rejected, long publishedAt) {
        long now = clock.millis();
        if (publishedAt < now - limits.maxAge().toMillis()) {
            return;
        }
        newest.merge(rejected.subjectId(), rejected,
                (old, neu) -> neu.rejectedAt().isBefore(old.rejectedAt()) ? old : neu);
        order.add(new Refusal(rejected, publishedAt, arrivals++));
        expire(now);
    }

    /** @return how many network function ids lost their refusal */
    synchronized int expire() {
        return expire(clock.millis());
    }

    private int expire(long now) {
        long oldestKept = now - limits.maxAge().toMillis();
        int forgotten = 0;
        while (!order.isEmpty() && (order.size() > limits.maxEntries() || order.peek().publishedAt() < oldestKept)) {
            RequestRejected gone = order.poll().rejected();
            if (newest.remove(gone.subjectId(), gone)) {
                forgotten++;
            }
        }
        return forgotten;
    }

    Optional<RequestRejected> get(String nfId) {
        return Optional.ofNullable(newest.get(nfId));
    }

    List<RequestRejected> all() {
        return newest.values().stream().sorted(Comparator.comparing(RequestRejected::subjectId)).toList();
    }
}
