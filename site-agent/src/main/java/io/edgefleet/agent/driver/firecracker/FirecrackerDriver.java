package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.vmm.SeedFiles;
import io.edgefleet.agent.driver.vmm.VmmProcesses;
import io.edgefleet.agent.driver.vmm.VmDirectory;
import io.edgefleet.agent.driver.vmm.VmLocks;
import io.edgefleet.agent.driver.vmm.VmmStop;
import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.HostSetupException;
import io.edgefleet.agent.driver.host.VmCgroups;
import io.edgefleet.agent.driver.host.VmmLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Runs microVMs on this host with Firecracker: one VMM process per microVM (through the jailer when
 * configured), configured over its HTTP API on a Unix socket, in the order the API requires
 * (machine-config, boot-source, drives, network-interfaces, then InstanceStart).
 *
 * <p>Measure, then act: every method first measures the microVM from its state directory, its
 * process and its API socket ({@link FirecrackerMeter}) and acts only on what it found. A restarted
 * agent therefore picks up running microVMs as they are (never killing or re-creating them) and
 * finishes the configuration of one it left half-configured. See docs/adr/0004.
 *
 * <p>A microVM with a cloud-init seed gets it over MMDS ({@link NoCloudOverMmds}), kept meanwhile in its state
 * directory ({@link SeedFiles}, root only) so a resumed configuration serves it too.
 *
 * <p>Thread-safe: operations on one microVM are serialized by a per-id lock; {@link #list} never
 * waits for a busy microVM and reports it as CREATING instead.
 */
public final class FirecrackerDriver implements MicroVmDriver {

    private static final String ROOT_DRIVE = "rootfs";
    private static final String ROOT_DISK = "root.img";
    /** Memory Firecracker itself may use beyond the guest's (it needs a few MiB; this leaves room). */
    private static final long VMM_OVERHEAD_MIB = 64;

    private final FirecrackerConfig config;
    private final VmmProcesses processes;
    private final HostResources host;
    private final VmDirectory<VmRecord> dirs;
    private final FirecrackerMeter meter;
    private final VmLocks locks = new VmLocks();

    /** A driver whose host gives microVMs no cgroup (the jailer's own, when configured, still applies). */
    public FirecrackerDriver(FirecrackerConfig config, VmmProcesses processes) {
        this(config, processes, HostResources.onThisHost(Path.of("/var/lib/edgefleet/images"), null,
                VmCgroups.none("no cgroup configured for the Firecracker driver")));
    }

    /** @param host where each microVM's disk, taps and cgroup are made */
    public FirecrackerDriver(FirecrackerConfig config, VmmProcesses processes, HostResources host) {
        this.config = Objects.requireNonNull(config, "config");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.host = Objects.requireNonNull(host, "host");
        this.dirs = new VmDirectory<>(config.stateDir(), VmRecord.class, r -> r.spec().microVmId());
        this.meter = new FirecrackerMeter(config, processes, dirs);
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
                MicroVmStatus now = meter.measure(id);
                if (now.state() != MicroVmState.CREATING) {
                    return now; // exists: never a second VMM for one id
                }
                // Alive but "Not started": a previous agent stopped half-way. Pre-boot PUTs are
                // create-or-update in Firecracker, so sending the whole configuration again is safe.
                VmRecord record = dirs.read(id).orElseThrow();
                configureAndStart(record);
                return meter.measure(id);
            }
            launchConfigureAndStart(spec);
            return meter.measure(id);
        });
    }

    private void launchConfigureAndStart(MicroVmSpec spec) throws IOException {
        String id = spec.microVmId();
        long memoryLimit = ((long) spec.memoryMib() + VMM_OVERHEAD_MIB) << 20;
        VmmCommand command = VmmCommand.forMicroVm(config, dirs, id, host.cgroups().jailerArgs(memoryLimit));
        String refusal = refusal(spec, command);
        dirs.create(id);
        if (refusal != null) {
            dirs.write(new VmRecord(spec, 0, 0, command.socket().toString(), null, now(), 0));
            dirs.markFailed(id, refusal);
            return;
        }
        Files.deleteIfExists(command.socket()); // a stale socket from a dead VMM would make bind fail
        VmmProcesses.Launched launched;
        try {
            // The jailer makes and joins its own cgroup; without it the VMM joins ours before it executes.
            Integer tapOwner = config.jailer() == null ? null : config.jailer().uid();
            writeSeed(spec);
            HostResources.Prepared prepared = host.prepare(spec, rootfs(spec), dirs.dir(id).resolve(ROOT_DISK),
                    config.jailer() == null ? memoryLimit : null, tapOwner);
            List<String> argv = config.jailer() == null ? VmmLaunch.wrap(prepared.cgroupProcs(), null, command.argv()) : command.argv();
            launched = processes.launch(argv, dirs.dir(id), dirs.log(id));
        } catch (HostSetupException e) {
            dirs.write(new VmRecord(spec, 0, 0, command.socket().toString(), null, now(), 0));
            dirs.markFailed(id, e.getMessage());
            return;
        } catch (IOException e) {
            dirs.write(new VmRecord(spec, 0, 0, command.socket().toString(), null, now(), 0));
            dirs.markFailed(id, "cannot start " + command.argv().get(0) + ": " + e.getMessage());
            return;
        }
        // Written before any API call: if the agent dies from here on, a restart finds this process
        // through the record instead of launching a duplicate.
        VmRecord record = new VmRecord(spec, launched.pid(), launched.startedAt().toEpochMilli(), command.socket().toString(),
                command.jailDir() == null ? null : command.jailDir().toString(), now(), 0);
        dirs.write(record);
        configureAndStart(record);
    }

    /** Keeps the spec's seed, if any, where a resumed configuration finds it (the JSON record never holds it). */
    private void writeSeed(MicroVmSpec spec) {
        if (spec.seed() != null) {
            try {
                SeedFiles.write(dirs.dir(spec.microVmId()), spec.seed());
            } catch (IOException e) {
                throw new HostSetupException("cannot write the cloud-init seed of microVM " + spec.microVmId() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Why this spec cannot even be launched here, or null. */
    private String refusal(MicroVmSpec spec, VmmCommand command) {
        if (!spec.hostId().equals(config.hostId())) {
            return "this driver runs microVMs on host " + config.hostId() + ", not on " + spec.hostId();
        }
        if (kernel(spec) == null) {
            return "no kernel image: the spec names none and no default is configured";
        }
        if (rootfs(spec) == null) {
            return "no root file system: the spec names none and no default is configured";
        }
        if (spec.seed() != null && spec.nics().isEmpty()) {
            return "a microVM with a cloud-init seed needs a network interface: Firecracker serves the seed over MMDS on the first one";
        }
        if (spec.seed() != null && bootArgs(spec, spec.seed()).length() >= NoCloudOverMmds.MAX_BOOT_ARGS) {
            return "the kernel command line with the seed's network-config is " + bootArgs(spec, spec.seed()).length()
                    + " bytes, more than the kernel takes (" + (NoCloudOverMmds.MAX_BOOT_ARGS - 1) + ")";
        }
        if (command.socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > VmmCommand.MAX_SOCKET_PATH) {
            return "API socket path is longer than " + VmmCommand.MAX_SOCKET_PATH + " bytes (use a shorter state dir or id): " + command.socket();
        }
        return null;
    }

    /** Configures the VMM and boots it; on any refusal, stops the process and records why. */
    private void configureAndStart(VmRecord record) throws IOException {
        MicroVmSpec spec = record.spec();
        String id = spec.microVmId();
        FirecrackerApi api = new FirecrackerApi(Path.of(record.socketPath()), config.apiTimeout());
        try {
            GuestSeed seed = SeedFiles.read(dirs.dir(id)).orElse(null);
            meter.awaitApi(record, api);
            String kernel = kernel(spec);
            String rootfs = dirs.dir(id).resolve(ROOT_DISK).toString(); // the microVM's own clone, never the base image
            FirecrackerConfig.Jailer jailer = config.jailer();
            if (jailer != null) {
                Path jailRoot = Path.of(record.jailDir()).resolve("root");
                kernel = JailFiles.place(jailRoot, Path.of(kernel), "vmlinux", jailer.uid(), jailer.gid());
                rootfs = JailFiles.place(jailRoot, Path.of(rootfs), "rootfs.ext4", jailer.uid(), jailer.gid());
            }
            api.putMachineConfig(spec.vcpu(), spec.memoryMib());
            api.putBootSource(kernel, bootArgs(spec, seed));
            api.putDrive(ROOT_DRIVE, rootfs, true, false);
            for (NicSpec nic : spec.nics()) {
                api.putNetworkInterface(nic);
            }
            if (!spec.nics().isEmpty()) {
                // The guest's metadata service, on the management interface. V2 wants a session token that
                // cloud-init's NoCloud fetch never asks for (it would be answered 401 and boot unseeded), so a
                // seeded guest gets V1; the others keep V2 (ADR 0021, ADR 0023).
                api.putMmdsConfig(seed != null ? "V1" : "V2", List.of(spec.nics().get(0).ifaceId()));
                api.putMmds(GuestMetadata.of(spec, seed));
            }
            api.instanceStart();
            dirs.write(record.booted(Instant.now()));
        } catch (IOException e) {
            // Leave no half-configured VMM behind: kill it and keep the reason where list() finds it.
            processes.kill(record.pid(), record.startedAt());
            dirs.markFailed(id, e instanceof FirecrackerFault ? e.getMessage() : "Firecracker API failed during configuration: " + e.getMessage());
        }
    }

    @Override
    public MicroVmStatus stop(String microVmId) {
        return VmmStop.stop(microVmId, locks, dirs, meter::measure, meter::shutDown);
    }

    @Override
    public void delete(String microVmId) {
        MicroVmSpec.checkId(microVmId);
        locks.exclusive(microVmId, () -> {
            if (!dirs.exists(microVmId)) {
                return null;
            }
            var record = dirs.read(microVmId);
            if (record.isPresent()) {
                VmRecord r = record.get();
                if (processes.isAlive(r.pid(), r.startedAt())) {
                    dirs.markStopped(microVmId);
                    meter.shutDown(r, meter.measure(microVmId).state() == MicroVmState.RUNNING);
                }
                if (processes.isAlive(r.pid(), r.startedAt())) {
                    // Removing the directory now would orphan a live VMM nobody could find again.
                    throw new IllegalStateException("microVM " + microVmId + ": process " + r.pid() + " survived SIGKILL; state kept");
                }
                if (r.jailDir() != null) {
                    VmDirectory.removeTree(Path.of(r.jailDir()));
                }
                host.release(r.spec(), dirs.dir(microVmId).resolve(ROOT_DISK));
            }
            VmDirectory.removeTree(dirs.dir(microVmId));
            return null;
        });
    }

    /** The spec's kernel command line (or the default), plus the NoCloud datasource when the microVM has a seed. */
    private String bootArgs(MicroVmSpec spec, GuestSeed seed) {
        String base = spec.kernelArgs() != null ? spec.kernelArgs() : config.defaultKernelArgs();
        return seed == null ? base : NoCloudOverMmds.bootArgs(base, seed);
    }

    private String kernel(MicroVmSpec spec) {
        return spec.kernelImagePath() != null ? spec.kernelImagePath() : config.defaultKernelImagePath();
    }

    private String rootfs(MicroVmSpec spec) {
        return spec.baseImage() != null ? spec.baseImage() : config.defaultRootfsPath();
    }


    private static long now() {
        return Instant.now().toEpochMilli();
    }
}
