package io.edgefleet.bench.fleetscale;

import java.util.Arrays;

/** Latency samples in milliseconds and their percentiles. */
final class Stats {
    private long[] samples = new long[1 << 12];
    private int n;

    synchronized void add(long millis) {
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = millis;
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
        return sorted[Math.min(n - 1, Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1))];
    }
}
