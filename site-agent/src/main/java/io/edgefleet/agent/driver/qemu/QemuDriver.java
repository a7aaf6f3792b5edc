package io.edgefleet.agent.driver.qemu;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.HostSetupException;
import io.edgefleet.agent.driver.host.MicroVmCores;
import io.edgefleet.agent.driver.host.ProcessHostCommand;
import io.edgefleet.agent.driver.host.VmmLaunch;
import io.edgefleet.agent.driver.qemu.QemuCommand.QemuFiles;
import io.edgefleet.agent.driver.vmm.VmDirectory;
import io.edgefleet.agent.driver.vmm.VmLocks;
import io.edgefleet.agent.driver.vmm.VmmStop;
import io.edgefleet.agent.driver.vmm.VmmProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Runs microVMs on this host with QEMU's {@code microvm} machine, the closest real relative of
 * Firecracker, for hosts without Firecracker (and for this project's real-guest tests). A microVM is a
 * QEMU process, a writable root disk cloned from a base image named by digest, a tap per interface on
 * the site bridge, and a cgroup; all four are made and removed together ({@link HostResources}). A microVM
 * with a cloud-init seed also gets a NoCloud seed disk ({@link SeedDisk}) in its state directory.
 *
 * <p>Measure, then act, as the Firecracker driver (ADR 0004): every method measures from the state
 * directory, the process and QMP ({@link QemuMeter}) and acts on what it found, so a restarted agent
 * adopts running guests untouched and never launches a second VMM for one id. Thread-safe: one lock
 * per microVM; {@link #list} never waits for a busy microVM and reports it as CREATING instead.
 */
public final class QemuDriver implements MicroVmDriver {

    private static final long MIB = 1L << 20;

    private final QemuConfig config;
    private final VmmProcesses processes;
    private final HostResources host;
    private final VmDirectory<QemuRecord> dirs;
    private final QemuMeter meter;
    private final SeedDisk seedDisk;
    private final String tscKhz;
    private final VmLocks locks = new VmLocks();

    public QemuDriver(QemuConfig config, VmmProcesses processes, HostResources host) {
        this(config, processes, host, new ProcessHostCommand(Duration.ofSeconds(30)));
    }

    /** @param seedTool how the seed disk's {@code genisoimage} runs (tests record it) */
    public QemuDriver(QemuConfig config, VmmProcesses processes, HostResources host, HostCommand seedTool) {
        this.config = config;
        this.processes = processes;
        this.host = host;
        this.dirs = new VmDirectory<>(config.stateDir(), QemuRecord.class, r -> r.spec().microVmId());
        this.meter = new QemuMeter(config, processes, dirs);
        this.seedDisk = new SeedDisk(seedTool);
        this.tscKhz = HostTsc.khz();
    }

    @Override
    public List<MicroVmStatus> list() {
        return locks.measureAll(dirs.ids(), config.hostId(), meter::measure);
    }

    /** Measures this one microVM only (the port's default lists them all). */
    @Override
    public Optional<MicroVmStatus> status(String microVmId) {
        return locks.measureOne(dirs, microVmId, config.hostId(), meter::measure);
    }

    @Override
    public MicroVmStatus create(MicroVmSpec spec) {
        String id = spec.microVmId();
        return locks.exclusive(id, () -> {
            if (dirs.exists(id)) {
                return meter.measure(id); // exists: never a second VMM for one id
            }
            launch(spec);
            return awaitQmp(id);
        });
    }

    /** The chain of a create: refuse early, record, make seed disk, root disk, taps and cgroup, launch inside them, record the pid. */
    private void launch(MicroVmSpec spec) throws IOException {
        String id = spec.microVmId();
        QemuFiles files = new QemuFiles(dirs.create(id));
        QemuRecord record = new QemuRecord(spec, null, 0, 0, Instant.now().toEpochMilli());
        dirs.write(record);
        String refusal = refusal(spec, files);
        if (refusal != null) {
            dirs.markFailed(id, refusal);
            return;
        }
        VmmProcesses.Launched launched = null;
        try {
            if (spec.seed() != null) {
                seedDisk.make(files.dir(), files.seedImage(), spec.seed());
            }
            long limit = (config.guestMemoryMib(spec.memoryMib()) + (long) config.vmmOverheadMib()) * MIB;
            HostResources.Prepared prepared = host.prepare(spec, baseImage(spec), files.rootDisk(), limit, null);
            record = record.withImage(prepared.baseImageDigest());
            dirs.write(record);
            List<String> argv = VmmLaunch.wrap(prepared.cgroupProcs(), config.netns(),
                    QemuCommand.argv(config, spec, files, kernel(spec), tscKhz));
            Files.writeString(files.dir().resolve("command"), String.join(" ", argv) + "\n", StandardCharsets.UTF_8);
            launched = processes.launch(argv, files.dir(), dirs.log(id));
            dirs.write(record.launched(launched.pid(), launched.startedAt()));
        } catch (HostSetupException | IOException e) {
            if (launched != null) {
                processes.kill(launched.pid(), launched.startedAt());
            }
            dirs.markFailed(id, e.getMessage());
        }
    }

    /**
     * Measures a just-launched microVM until QMP answers (its vCPUs run) or the start timeout passes. Until
     * QEMU has made its QMP socket only the file is looked at (a stat, not a connection), so waiting for
     * several VMMs at once costs the agent next to no CPU.
     */
    private MicroVmStatus awaitQmp(String id) throws IOException {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        Path qmp = new QemuFiles(dirs.dir(id)).qmpSocket();
        QemuRecord record = dirs.read(id).orElseThrow();
        while (!Files.exists(qmp) && System.nanoTime() < deadline && processes.isAlive(record.pid(), record.startedAt())) {
            sleep(10);
        }
        MicroVmStatus status = meter.measure(id);
        while (status.state() == MicroVmState.CREATING && System.nanoTime() < deadline) {
            sleep(50);
            status = meter.measure(id);
        }
        return status;
    }

    /** Why this spec cannot even be tried here, or null. */
    private String refusal(MicroVmSpec spec, QemuFiles files) {
        if (!spec.hostId().equals(config.hostId())) {
            return "this driver runs microVMs on host " + config.hostId() + ", not on " + spec.hostId();
        }
        if (kernel(spec) == null || !Files.isReadable(Path.of(kernel(spec)))) {
            return "no readable guest kernel: " + (kernel(spec) == null ? "the spec names none and no default is configured" : kernel(spec));
        }
        if (baseImage(spec) == null) {
            return "no base image: the spec names none and no default is configured";
        }
        if (files.qmpSocket().toString().getBytes(StandardCharsets.UTF_8).length > 107) {
            return "QMP socket path is longer than 107 bytes (use a shorter state dir): " + files.qmpSocket();
        }
        return null;
    }

    @Override
    public MicroVmStatus stop(String microVmId) {
        return VmmStop.stop(microVmId, locks, dirs, meter::measure, this::shutDown);
    }

    @Override
    public void delete(String microVmId) {
        MicroVmSpec.checkId(microVmId);
        locks.exclusive(microVmId, () -> {
            if (!dirs.exists(microVmId)) {
                return null;
            }
            var found = dirs.read(microVmId);
            if (found.isPresent()) {
                QemuRecord record = meter.adopt(found.get());
                if (processes.isAlive(record.pid(), record.startedAt())) {
                    dirs.markStopped(microVmId);
                    shutDown(record, false);
                }
                if (processes.isAlive(record.pid(), record.startedAt())) {
                    // Removing its disk, tap and cgroup now would orphan a live VMM nobody could find again.
                    throw new IllegalStateException("microVM " + microVmId + ": QEMU " + record.pid() + " survived SIGKILL; state kept");
                }
                host.release(record.spec(), new QemuFiles(dirs.dir(microVmId)).rootDisk());
            }
            VmDirectory.removeTree(dirs.dir(microVmId));
            return null;
        });
    }

    @Override
    public void keepMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        if (hostId.equals(config.hostId()) && host.cgroups().confines()) {
            // one read of the host's cores for the check and the change
            SortedSet<Integer> allowed = MicroVmCores.allowed(MicroVmCores.cores(), reservedCores, pinnedCores);
            if (!allowed.equals(host.cgroups().allowedCpus())) {
                host.cgroups().confineTo(allowed);
            }
        }
    }

    @Override
    public boolean keepsMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        return !hostId.equals(config.hostId()) || !host.cgroups().confines()
                || MicroVmCores.allowed(MicroVmCores.cores(), reservedCores, pinnedCores).equals(host.cgroups().allowedCpus());
    }

    @Override
    public String isolation(String hostId) {
        return host.cgroups().describe();
    }

    /**
     * Asks the guest to power off (ACPI power button) when it runs, waits the grace period, then asks
     * QEMU to end (SIGTERM, which it handles cleanly), then kills it.
     */
    private void shutDown(QemuRecord record, boolean graceful) {
        Path qmp = new QemuFiles(dirs.dir(record.spec().microVmId())).qmpSocket();
        if (graceful) {
            try {
                new QmpClient(qmp, config.qmpTimeout()).execute("system_powerdown");
                awaitExit(record, config.stopGracePeriod().toMillis());
            } catch (IOException e) {
                // QMP unusable: fall through to signals.
            }
        }
        processes.terminate(record.pid(), record.startedAt());
        awaitExit(record, 3000);
        processes.kill(record.pid(), record.startedAt());
        awaitExit(record, 3000);
    }

    private void awaitExit(QemuRecord record, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (processes.isAlive(record.pid(), record.startedAt()) && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String kernel(MicroVmSpec spec) {
        return spec.kernelImagePath() != null ? spec.kernelImagePath() : config.defaultKernel();
    }

    private String baseImage(MicroVmSpec spec) {
        return spec.baseImage() != null ? spec.baseImage() : config.defaultBaseImage();
    }

}
