package io.edgefleet.api.view;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the view feed has read, on every partition it reads, up to the end offset that partition had when the
 * feed started. Until then the view is a partial replay (clusters missing, old statuses) and fleet-api is not ready
 * ({@link ViewReadiness}). Once caught up it stays so: later lag is the normal delay of a projection, measured by
 * {@code fleet_api_view_lag_records}.
 */
final class CatchUp {
    /** Records still to read per partition, up to its end offset at start; a partition leaves when it reaches it. */
    private final Map<TopicPartition, Long> behind = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> targets;
    private volatile boolean done;

    /** @param endOffsets every partition's end offset when the feed was assigned */
    CatchUp(Map<TopicPartition, Long> endOffsets) {
        this.targets = Map.copyOf(endOffsets);
        targets.forEach((tp, end) -> behind.put(tp, end));
        done = targets.isEmpty();
    }

    /** Records the feed's position on a partition (the offset of the next record it will read). */
    void progress(TopicPartition tp, long position) {
        Long target = targets.get(tp);
        if (done || target == null) {
            return;
        }
        if (position >= target) {
            behind.remove(tp);
            if (behind.isEmpty()) {
                done = true;
            }
        } else {
            behind.put(tp, target - position);
        }
    }

    boolean done() {
        return done;
    }

    /** Records still to read to reach the start's end offsets, per topic (every topic read, 0 once caught up). */
    Map<String, Long> behindByTopic() {
        Map<String, Long> byTopic = new TreeMap<>();
        targets.keySet().forEach(tp -> byTopic.putIfAbsent(tp.topic(), 0L));
        behind.forEach((tp, n) -> byTopic.merge(tp.topic(), n, Long::sum));
        return byTopic;
    }
}
