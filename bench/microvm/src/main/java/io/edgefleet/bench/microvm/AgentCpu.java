package io.edgefleet.bench.microvm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU this JVM used, read from {@code /proc/self/stat}: its own threads (user + system, every
 * thread: the reconcile, the JIT, the GC) and its reaped children (the {@code cp}, {@code ip} and
 * {@code sh} processes the driver runs to make disks and taps; a QEMU process counts only once it has
 * exited and been reaped, so samples are taken while every VMM still runs). Also the calling thread's
 * own CPU from the {@link java.lang.management.ThreadMXBean}, with nanosecond resolution.
 *
 * @param ownNanos      this process's user + system time
 * @param childrenNanos reaped children's user + system time
 * @param threadNanos   the calling thread's CPU time
 */
record AgentCpu(long ownNanos, long childrenNanos, long threadNanos) {

    /** Reads now; {@code tickNanos} is the length of one clock tick (1 / CLK_TCK). */
    static AgentCpu now(long tickNanos) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // The fields after the command name, which is in parentheses and may contain spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime, stime, cutime, cstime are fields 14..17.
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return new AgentCpu(own * tickNanos, children * tickNanos,
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
    }

    AgentCpu minus(AgentCpu earlier) {
        return new AgentCpu(ownNanos - earlier.ownNanos, childrenNanos - earlier.childrenNanos,
                threadNanos - earlier.threadNanos);
    }

    /** Nanoseconds in one clock tick of this kernel ({@code getconf CLK_TCK}; 100 Hz when it cannot be asked). */
    static long tickNanos() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return 1_000_000_000L / Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 10_000_000L;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 10_000_000L;
        }
    }
}
