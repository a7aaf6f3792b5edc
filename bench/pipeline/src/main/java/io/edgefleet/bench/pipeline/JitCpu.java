package io.edgefleet.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds of a JVM's JIT compiler threads ({@code C1/C2 CompilerThreadN}), per thread, from
 * /proc/PID/task. A window's JIT time says how far from its steady state a JVM still was: a
 * service compiles its hot paths in its first minutes and then runs for months.
 *
 * <p>The JVM stops idle compiler threads and starts new ones. A thread that ended inside the
 * window takes its CPU time with it, so {@link #since} can only undercount, never overcount.
 */
record JitCpu(Map<String, Double> secondsByThread) {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ

    static JitCpu take(long pid) {
        Map<String, Double> seconds = new HashMap<>();
        if (pid <= 0) {
            return new JitCpu(seconds);
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).trim().matches("C[12] CompilerThre.*")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // [11] utime, [12] stime; the key carries the thread's start time, so a
                    // thread id the kernel reused is a new thread.
                    seconds.put(task.getFileName() + "@" + f[19],
                            (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read: as if it had ended before
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return new JitCpu(seconds);
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
