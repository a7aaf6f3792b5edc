package io.edgefleet.agent.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's TSC rate in kHz, as {@code /proc/cpuinfo} gives it ("cpu MHz"). An emulated microvm guest
 * has no way to calibrate its TSC (no PIT, no HPET) and hangs at boot without {@code tsc_early_khz}.
 */
final class HostTsc {
    private HostTsc() {
    }

    /** The rate, or null when /proc/cpuinfo does not say (then the guest calibrates, or fails to). */
    static String khz() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("cpu MHz")) {
                    double mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
                    return Long.toString(Math.round(mhz * 1000));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return null;
    }
}
