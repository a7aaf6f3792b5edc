package io.edgefleet.api.view;

import org.apache.kafka.clients.consumer.OffsetAndTimestamp;

/**
 * Where the view feed starts reading a partition that is not compacted, so that a start reads what the view will
 * hold and little more (docs/adr/0028). Compacted topics are read from the beginning: their latest value per key is
 * the state.
 */
final class StartOffsets {
    private StartOffsets() {
    }

    /**
     * An outcome partition: the first record published within the window's age ({@code offsetsForTimes(now −
     * max-age)}), but no further back than {@code maxEntries} before its end: the newest {@code maxEntries} outcomes
     * of all partitions are among the newest {@code maxEntries} of each, so nothing the window would hold is skipped.
     *
     * @param end         the partition's end offset
     * @param sinceMaxAge what {@code offsetsForTimes} found for now − max-age; {@code null} if nothing that recent
     */
    static long outcomes(long end, OffsetAndTimestamp sinceMaxAge, int maxEntries) {
        if (sinceMaxAge == null) {
            return end;
        }
        return Math.max(sinceMaxAge.offset(), end - maxEntries);
    }

    /** A site report partition: the first record published since the lookback, or its end if none is that recent. */
    static long reports(long end, OffsetAndTimestamp sinceLookback) {
        return sinceLookback == null ? end : sinceLookback.offset();
    }
}
