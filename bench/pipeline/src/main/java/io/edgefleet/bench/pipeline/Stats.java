package io.edgefleet.bench.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Latency samples in milliseconds, and the percentiles we report; also the worst latency of each
 * second (by when the request was sent), to tie a tail to what happened at that moment.
 */
final class Stats {
    private final long createdMillis = System.currentTimeMillis();
    private long[] samples = new long[1 << 16];
    private int n;
    private final Map<Long, Long> worstBySecond = new TreeMap<>();
    private final Map<Long, Integer> slowBySecond = new TreeMap<>();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    synchronized void add(long sentMillis, long millis) {
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = millis;
        long second = (sentMillis - createdMillis) / 1000;
        worstBySecond.merge(second, millis, Math::max);
        if (millis > SLOW_MILLIS) {
            slowBySecond.merge(second, 1, Integer::sum);
        }
    }

    /** The latency the p99 target allows: requests slower than this are the ones that cost it. */
    static final long SLOW_MILLIS = 100;

    /**
     * The {@code k} seconds with the highest worst latency ("second of the window: ms", by second),
     * when the window started by the clock (to find those seconds in the servers' logs), and how
     * many requests took over {@link #SLOW_MILLIS} in how many seconds (over 1 % misses p99).
     */
    synchronized String worstSeconds(int k) {
        String worst = worstBySecond.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(k).sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "s:" + e.getValue() + "ms")
                .collect(Collectors.joining(" "));
        int slow = slowBySecond.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("%s (window from %s UTC); over %d ms: %d requests (%.2f %%) in %d seconds", worst,
                CLOCK.format(Instant.ofEpochMilli(createdMillis)), SLOW_MILLIS, slow, 100.0 * slow / Math.max(1, n), slowBySecond.size());
    }

    synchronized int count() {
        return n;
    }

    synchronized long percentile(double p) {
        if (n == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1)];
    }
}
