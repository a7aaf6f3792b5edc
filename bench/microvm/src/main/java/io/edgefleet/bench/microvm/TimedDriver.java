package io.edgefleet.bench.microvm;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's driver, unchanged, with a stopwatch on {@link #create}: when the reconcile step asked for
 * each microVM and when the driver returned it (disk, tap and cgroup made, QEMU executed, QMP answering).
 * Everything else passes straight through.
 */
final class TimedDriver implements MicroVmDriver {

    /**
     * One create as the agent ran it, in {@link System#nanoTime()} units, and its start in seconds since
     * the host booted ({@code /proc/uptime}, the clock a process's start time in {@code /proc} uses).
     */
    record Create(long startedNanos, long returnedNanos, double startedUptimeSeconds, MicroVmStatus result) {
    }

    private final MicroVmDriver driver;
    private final Map<String, Create> creates = new ConcurrentHashMap<>();

    TimedDriver(MicroVmDriver driver) {
        this.driver = driver;
    }

    Create createOf(String microVmId) {
        return creates.get(microVmId);
    }

    void forget() {
        creates.clear();
    }

    @Override
    public MicroVmStatus create(MicroVmSpec spec) {
        double startedAt = uptimeSeconds();
        long start = System.nanoTime();
        MicroVmStatus status = driver.create(spec);
        creates.put(spec.microVmId(), new Create(start, System.nanoTime(), startedAt, status));
        return status;
    }

    /** Seconds since boot, to 10 ms; NaN if unreadable. */
    static double uptimeSeconds() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public List<MicroVmStatus> list() {
        return driver.list();
    }

    @Override
    public MicroVmStatus stop(String microVmId) {
        return driver.stop(microVmId);
    }

    @Override
    public void delete(String microVmId) {
        driver.delete(microVmId);
    }

    @Override
    public void keepMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        driver.keepMicroVmsOff(hostId, reservedCores, pinnedCores);
    }

    @Override
    public boolean keepsMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        return driver.keepsMicroVmsOff(hostId, reservedCores, pinnedCores);
    }

    @Override
    public java.util.Optional<MicroVmStatus> status(String microVmId) {
        return driver.status(microVmId);
    }

    @Override
    public String isolation(String hostId) {
        return driver.isolation(hostId);
    }
}
