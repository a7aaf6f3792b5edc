package io.edgefleet.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        return f == null ? 0 : cpuSeconds(f);
    }

    /**
     * utime + stime, in seconds, of each live thread of a process whose name ({@code comm}, e.g.
     * "C2 CompilerThre") matches {@code name}; keyed by thread id and start time, so that a thread
     * id the kernel reused counts as another thread. Empty if the process is gone.
     */
    public static Map<String, Double> threadCpuSeconds(long pid, Pattern name) {
        Map<String, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (name.matcher(Files.readString(task.resolve("comm")).trim()).matches()) {
                        String[] f = statFields(task.resolve("stat"));
                        if (f != null) {
                            seconds.put(task.getFileName() + "@" + f[19], cpuSeconds(f));
                        }
                    }
                } catch (IOException e) {
                    // the thread ended while being read: as if it had ended before
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return seconds;
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
                    total += cpuSeconds(f);
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

    /** utime + stime of a stat line's fields, in seconds. */
    private static double cpuSeconds(String[] statFields) {
        return (Long.parseLong(statFields[11]) + Long.parseLong(statFields[12])) / TICKS_PER_SECOND;
    }

    private static String[] statFields(long pid) {
        return statFields(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * Fields of a /proc stat file (process or thread) after the command name: [0] = state,
     * [1] = ppid, [11] = utime, [12] = stime, [19] = start time; null if it is gone.
     */
    private static String[] statFields(Path stat) {
        try {
            String s = Files.readString(stat);
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
