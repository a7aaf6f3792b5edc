package io.edgefleet.bench.pipeline;

import io.edgefleet.localstack.ProcMeter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU seconds of a JVM's JIT compiler threads ({@code C1/C2 CompilerThreadN}), per thread, from
 * /proc/PID/task. A window's JIT time says how far from its steady state a JVM still was: a
 * service compiles its hot paths in its first minutes and then runs for months.
 *
 * <p>The JVM stops idle compiler threads and starts new ones. A thread that ended inside the
 * window takes its CPU time with it, so {@link #since} can only undercount, never overcount.
 */
record JitCpu(Map<String, Double> secondsByThread) {

    /** Thread names are cut to 15 characters: "C2 CompilerThread0" reads "C2 CompilerThre". */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

    static JitCpu take(long pid) {
        return new JitCpu(pid > 0 ? ProcMeter.threadCpuSeconds(pid, COMPILER_THREAD) : Map.of());
    }

    /** CPU seconds the compiler threads alive now spent since {@code before} was taken. */
    double since(JitCpu before) {
        double total = 0;
        for (Map.Entry<String, Double> thread : secondsByThread.entrySet()) {
            total += thread.getValue() - before.secondsByThread.getOrDefault(thread.getKey(), 0.0);
        }
        return total;
    }
}
