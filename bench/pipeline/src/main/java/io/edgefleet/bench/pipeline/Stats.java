package io.edgefleet.bench.pipeline;

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

    synchronized void add(long sentMillis, long millis) {
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = millis;
        worstBySecond.merge((sentMillis - createdMillis) / 1000, millis, Math::max);
    }

    /** The {@code k} seconds with the highest worst latency: "second of the window: ms", by second. */
    synchronized String worstSeconds(int k) {
        return worstBySecond.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(k)
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "s:" + e.getValue() + "ms")
                .collect(Collectors.joining(" "));
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
