package io.edgefleet.bench.microvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One QEMU process's resident memory, split into the guest's RAM and the rest. The guest's RAM is the
 * anonymous mapping QEMU made for it ({@code -m}: an unnamed mapping of the guest's size, plus at most a
 * little alignment); its resident part ({@code Rss} in {@code /proc/<pid>/smaps}) is the guest memory
 * the guest has touched so far. Everything else resident in the process (QEMU's own heap, the TCG
 * translation cache, device buffers, libraries) is what the host pays beyond the guest's own memory.
 *
 * @param rssKib      {@code VmRSS} of the process
 * @param guestRamKib resident part of the guest RAM mapping
 */
record VmmMemory(long rssKib, long guestRamKib) {

    /** The host's memory for this microVM beyond the guest's own RAM. */
    long overheadKib() {
        return rssKib - guestRamKib;
    }

    /** Reads the process now; {@code guestMib} is the memory the guest was given. */
    static VmmMemory of(long pid, long guestMib) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(VmmMemory::kib).findFirst()
                .orElseThrow(() -> new IOException("no VmRSS in " + proc.resolve("status")));
        return new VmmMemory(rss, guestRam(Files.readAllLines(proc.resolve("smaps")), guestMib * 1024));
    }

    /**
     * The resident size of the largest-resident unnamed mapping whose size is the guest's memory up to
     * 4 MiB more (QEMU over-reserves to align guest RAM); 0 if none matches.
     */
    static long guestRam(List<String> smaps, long guestKib) {
        long best = 0;
        boolean candidate = false;
        long size = 0;
        for (String line : smaps) {
            if (isMappingHeader(line)) {
                // address perms offset dev inode [path]: unnamed when there are only five fields.
                candidate = line.trim().split("\\s+").length == 5;
                size = 0;
            } else if (line.startsWith("Size:")) {
                size = kib(line);
            } else if (line.startsWith("Rss:") && candidate && size >= guestKib && size <= guestKib + 4096) {
                best = Math.max(best, kib(line));
            }
        }
        return best;
    }

    private static boolean isMappingHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        return dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
    }

    private static long kib(String line) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[1]);
    }
}
