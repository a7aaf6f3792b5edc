package io.edgefleet.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes and write requests the machine's disks completed, from /proc/diskstats. A phase's disk
 * traffic per record shows what a pipeline costs the disk it shares with PostgreSQL's WAL fsyncs
 * (fsync-under-load.py measures how those fsyncs fare beside other writes).
 */
record DiskWrites(long bytes, long requests) {

    static DiskWrites take() {
        long sectors = 0;
        long requests = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
                String[] f = line.trim().split("\\s+");
                // Whole disks only (vda, sda, nvme0n1), not their partitions, so nothing counts twice.
                if (f.length >= 10 && isWholeDisk(f[2])) {
                    requests += Long.parseLong(f[7]);
                    sectors += Long.parseLong(f[9]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new DiskWrites(0, 0);
        }
        return new DiskWrites(sectors * 512, requests);
    }

    static boolean isWholeDisk(String name) {
        return name.matches("(vd|sd|xvd)[a-z]+|nvme\\d+n\\d+");
    }

    DiskWrites minus(DiskWrites before) {
        return new DiskWrites(bytes - before.bytes, requests - before.requests);
    }

    String perRecord(int records, double seconds) {
        int n = Math.max(1, records);
        return String.format("disk writes: %.1f kB and %.2f requests per record (%.1f MB/s)",
                bytes / 1024.0 / n, (double) requests / n, bytes / 1e6 / Math.max(1e-3, seconds));
    }
}
