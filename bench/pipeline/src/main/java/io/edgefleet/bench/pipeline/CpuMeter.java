package io.edgefleet.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Busy CPU time of the whole machine (all processes), from /proc/stat, in seconds. */
final class CpuMeter {
    private CpuMeter() {
    }

    static double busySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not work
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg says them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
