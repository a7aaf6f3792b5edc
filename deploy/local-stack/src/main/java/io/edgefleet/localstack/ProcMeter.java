package io.edgefleet.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CPU time and resident memory of processes, from /proc (Linux). */
public final class ProcMeter {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcMeter() {
    }

    /** utime + stime of one process, in seconds; 0 if it is gone. */
    public static double cpuSeconds(long pid) {
        String[] f = statFields(pid);
        return f == null ? 0 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** utime + stime of a process and of its live children (PostgreSQL: the postmaster and its backends). */
    public static double cpuSecondsWithChildren(long pid) {
        double total = cpuSeconds(pid);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f = statFields(Long.parseLong(name));
                if (f != null && Long.parseLong(f[1]) == pid) {
                    total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException e) {
            // fall back to the parent alone
        }
        return total;
    }

    /** VmRSS of one process in MiB, or -1. */
    public static double rssMib(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Fields of /proc/PID/stat after the command name: [0] = state, [1] = ppid, [11] = utime, [12] = stime. */
    private static String[] statFields(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
