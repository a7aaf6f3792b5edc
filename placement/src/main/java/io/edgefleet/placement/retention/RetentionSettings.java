package io.edgefleet.placement.retention;

import java.time.Duration;
import java.util.Optional;

/**
 * How the retention job purges: rows ended (or, for the request log, received) more than {@code period}
 * ago go, at most {@code batchSize} rows per transaction, with {@code pause} between two transactions so
 * the request path's transactions always get their turn at the tables and the WAL.
 */
public record RetentionSettings(Duration period, int batchSize, Duration pause) {
    /** The most rows one transaction may delete: beyond this a batch is no longer "small". */
    public static final int MAX_BATCH_SIZE = 10_000;
    /**
     * The retention of {@code fleet.cluster-requests.v1} (events/README.md). A request the log no longer
     * holds is decided again when it is delivered again, so a shorter period lets a replay of that topic
     * (a consumer group reset to the earliest offset) decide old requests twice.
     */
    public static final Duration REQUEST_TOPIC_RETENTION = Duration.ofDays(7);

    /** What is wrong with these settings, naming the property, or empty when they can be used. */
    public Optional<String> problem() {
        if (period == null || period.isNegative() || period.isZero()) {
            return Optional.of("edgefleet.placement.retention.period must be a positive duration (e.g. 30d), not "
                    + period);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            return Optional.of("edgefleet.placement.retention.batch-size must be between 1 and " + MAX_BATCH_SIZE
                    + " rows, not " + batchSize);
        }
        if (pause == null || pause.isNegative()) {
            return Optional.of("edgefleet.placement.retention.pause must be 0 or a positive duration, not " + pause);
        }
        return Optional.empty();
    }

    /** True when the request log would forget requests the request topic may still deliver again. */
    public boolean shorterThanRequestTopic() {
        return period.compareTo(REQUEST_TOPIC_RETENTION) < 0;
    }
}
