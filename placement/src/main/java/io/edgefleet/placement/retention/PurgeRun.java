package io.edgefleet.placement.retention;

import java.util.EnumMap;
import java.util.Map;

/** What one run of the retention job did: rows deleted and transactions that deleted some, by kind. */
public final class PurgeRun {
    private final Map<PurgeKind, Integer> rows = new EnumMap<>(PurgeKind.class);
    private final Map<PurgeKind, Integer> batches = new EnumMap<>(PurgeKind.class);
    private final Map<PurgeKind, Long> remaining = new EnumMap<>(PurgeKind.class);
    private boolean failed;

    void batch(PurgeKind kind, int deleted) {
        rows.merge(kind, deleted, Integer::sum);
        batches.merge(kind, 1, Integer::sum);
    }

    void remaining(PurgeKind kind, long count) {
        remaining.put(kind, count);
    }

    void failed() {
        failed = true;
    }

    /** Rows of this kind deleted (committed). */
    public int rows(PurgeKind kind) {
        return rows.getOrDefault(kind, 0);
    }

    /** Transactions that deleted rows of this kind. */
    public int batches(PurgeKind kind) {
        return batches.getOrDefault(kind, 0);
    }

    /** Ended rows of this kind older than the period still there after the run (-1: not counted). */
    public long remaining(PurgeKind kind) {
        return remaining.getOrDefault(kind, -1L);
    }

    /** Whether a batch failed (the next run tries again). */
    public boolean failedAny() {
        return failed;
    }
}
