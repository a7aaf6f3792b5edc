package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.vmm.VmmProcesses;
import io.edgefleet.agent.driver.vmm.VmDirectory;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Measures one microVM and waits for its process: the "measure" half of every driver operation.
 * The answer comes from, in this order: a recorded creation failure, whether the recorded process
 * is alive (pid and start time), and what its API socket says ({@code GET /}). Nothing else,
 * in particular never from what the driver last asked for.
 */
final class FirecrackerMeter {

    private static final Duration POLL = Duration.ofMillis(10);

    private final FirecrackerConfig config;
    private final VmmProcesses processes;
    private final VmDirectory<VmRecord> dirs;

    FirecrackerMeter(FirecrackerConfig config, VmmProcesses processes, VmDirectory<VmRecord> dirs) {
        this.config = config;
        this.processes = processes;
        this.dirs = dirs;
    }

    MicroVmStatus measure(String id) {
        String host = config.hostId();
        Optional<VmRecord> found;
        try {
            Optional<VmDirectory.Failure> failure = dirs.failure(id);
            found = dirs.read(id);
            if (failure.isPresent()) {
                return MicroVmStatus.failed(id, found.map(r -> r.spec().hostId()).orElse(host), failure.get().reason(), failure.get().at());
            }
        } catch (IOException e) {
            return MicroVmStatus.failed(id, host, "unreadable state in " + dirs.dir(id) + ": " + e.getMessage(), Instant.now());
        }
        if (found.isEmpty()) {
            return MicroVmStatus.failed(id, host, "state directory " + dirs.dir(id) + " has no vm.json (creation was interrupted)", Instant.now());
        }
        VmRecord r = found.get();
        if (!processes.isAlive(r.pid(), r.startedAt())) {
            Optional<Instant> stopped = stoppedAt(id);
            return stopped.isPresent()
                    ? new MicroVmStatus(id, host, MicroVmState.STOPPED, "stopped on request", stopped.get())
                    : MicroVmStatus.failed(id, host, "firecracker process " + r.pid() + " is gone (guest shut down or the VMM died); see "
                            + dirs.log(id), Instant.now());
        }
        FirecrackerApi api = new FirecrackerApi(Path.of(r.socketPath()), config.apiTimeout());
        try {
            String state = api.describeInstance().state();
            Instant since = Instant.ofEpochMilli(r.bootedAtMillis() > 0 ? r.bootedAtMillis() : r.createdAtMillis());
            return switch (state) {
                case "Running" -> new MicroVmStatus(id, host, MicroVmState.RUNNING, "", since);
                case "Paused" -> new MicroVmStatus(id, host, MicroVmState.RUNNING, "guest paused (vCPUs halted, memory held)", since);
                case "Not started" -> new MicroVmStatus(id, host, MicroVmState.CREATING, "VMM up, guest not started", since);
                default -> new MicroVmStatus(id, host, MicroVmState.UNKNOWN, "Firecracker reports an unknown state '" + state + "'", Instant.now());
            };
        } catch (IOException e) {
            return new MicroVmStatus(id, host, MicroVmState.UNKNOWN, "process " + r.pid() + " alive but its API did not answer: "
                    + e.getMessage(), Instant.now());
        }
    }

    /** Waits until a freshly launched VMM answers on its socket; fails if it exits or the start timeout passes. */
    void awaitApi(VmRecord r, FirecrackerApi api) throws IOException {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!processes.isAlive(r.pid(), r.startedAt())) {
                throw new IOException("firecracker exited before its API answered; see " + dirs.log(r.spec().microVmId()));
            }
            try {
                api.describeInstance();
                return;
            } catch (IOException e) {
                last = e; // socket not bound yet: keep polling
            }
            pause(POLL);
        }
        throw new IOException("API socket did not answer within " + config.startTimeout().toMillis() + " ms"
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }

    /**
     * Ends the VMM: first Ctrl+Alt+Del if the guest runs (Firecracker exits when the guest resets),
     * then SIGTERM, then SIGKILL, each with a bounded wait.
     */
    void shutDown(VmRecord r, boolean guestRunning) {
        if (guestRunning) {
            try {
                new FirecrackerApi(Path.of(r.socketPath()), config.apiTimeout()).sendCtrlAltDel();
                if (awaitExit(r, config.stopGracePeriod())) {
                    return;
                }
            } catch (IOException e) {
                // e.g. aarch64 has no SendCtrlAltDel, or the API hangs: fall through to signals
            }
        }
        processes.terminate(r.pid(), r.startedAt());
        if (!awaitExit(r, Duration.ofSeconds(2))) {
            processes.kill(r.pid(), r.startedAt());
            awaitExit(r, Duration.ofSeconds(2));
        }
    }

    private boolean awaitExit(VmRecord r, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (processes.isAlive(r.pid(), r.startedAt())) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause(POLL);
        }
        return true;
    }

    private Optional<Instant> stoppedAt(String id) {
        try {
            return dirs.stoppedAt(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
