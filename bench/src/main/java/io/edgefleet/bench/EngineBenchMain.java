package io.edgefleet.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link EngineBench} on one thread (one core) and prints, last,
 * {@code decisions_per_s=<n> p99_us=<n>}; throughput is 1 / mean sampled time.
 */
public final class EngineBenchMain {

    private EngineBenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(EngineBench.class.getSimpleName())
                .forks(1)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgs("-Xmx1g", "-XX:+UseParallelGC")
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Statistics st = results.iterator().next().getPrimaryResult().getStatistics();
        double meanUs = st.getMean();
        System.out.printf("decisions_per_s=%d p99_us=%d%n", Math.round(1e6 / meanUs),
                Math.round(st.getPercentile(99)));
    }
}
