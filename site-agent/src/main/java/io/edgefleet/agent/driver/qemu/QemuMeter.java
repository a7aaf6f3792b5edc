package io.edgefleet.agent.driver.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.qemu.QemuCommand.QemuFiles;
import io.edgefleet.agent.driver.vmm.VmDirectory;
import io.edgefleet.agent.driver.vmm.VmmProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Measures one microVM from what the host shows: its state directory (record, failure, stop intent),
 * whether its QEMU process lives, and what QMP says of the guest. Never acts.
 */
final class QemuMeter {
    private final QemuConfig config;
    private final VmmProcesses processes;
    private final VmDirectory<QemuRecord> dirs;

    QemuMeter(QemuConfig config, VmmProcesses processes, VmDirectory<QemuRecord> dirs) {
        this.config = config;
        this.processes = processes;
        this.dirs = dirs;
    }

    MicroVmStatus measure(String id) {
        try {
            Optional<VmDirectory.Failure> failure = dirs.failure(id);
            if (failure.isPresent()) {
                return MicroVmStatus.failed(id, config.hostId(), failure.get().reason(), failure.get().at());
            }
            Optional<QemuRecord> found = dirs.read(id);
            if (found.isEmpty()) {
                return MicroVmStatus.failed(id, config.hostId(), "state directory without a record: the agent stopped while "
                        + "creating it; delete it to try again", Instant.now());
            }
            QemuRecord record = adopt(found.get());
            if (processes.isAlive(record.pid(), record.startedAt())) {
                return measureLive(record);
            }
            Optional<Instant> stopped = dirs.stoppedAt(id);
            if (stopped.isPresent()) {
                return new MicroVmStatus(id, config.hostId(), MicroVmState.STOPPED, "stopped by the agent", stopped.get());
            }
            String why = record.pid() == 0 ? "its VMM was never started (the agent stopped while creating it)"
                    : "QEMU exited unexpectedly" + lastWords(dirs.log(id));
            return MicroVmStatus.failed(id, config.hostId(), why, Instant.now());
        } catch (IOException e) {
            return new MicroVmStatus(id, config.hostId(), MicroVmState.UNKNOWN, "cannot read its state directory: " + e.getMessage(), Instant.now());
        }
    }

    /**
     * The record with the pid QEMU wrote to its pid file, when the agent stopped after launching it but
     * before recording the pid; the pid counts only if that process is this microVM's QEMU.
     */
    QemuRecord adopt(QemuRecord record) throws IOException {
        if (record.pid() != 0) {
            return record;
        }
        Path pidFile = new QemuFiles(dirs.dir(record.spec().microVmId())).pidFile();
        if (!Files.exists(pidFile)) {
            return record;
        }
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(List::of).map(a -> a.contains(record.spec().microVmId() + ",debug-threads=on"))
                        .orElse(false));
        if (handle.isEmpty()) {
            return record;
        }
        QemuRecord adopted = record.launched(pid, handle.get().info().startInstant().orElseGet(Instant::now));
        dirs.write(adopted);
        return adopted;
    }

    private MicroVmStatus measureLive(QemuRecord record) {
        String id = record.spec().microVmId();
        Instant since = record.startedAt();
        try {
            JsonNode status = new QmpClient(new QemuFiles(dirs.dir(id)).qmpSocket(), config.qmpTimeout()).execute("query-status");
            String state = status.path("status").asText("");
            if (state.equals("running")) {
                return new MicroVmStatus(id, config.hostId(), MicroVmState.RUNNING, "", since);
            }
            if (state.equals("shutdown") || state.equals("guest-panicked") || state.equals("internal-error")) {
                return MicroVmStatus.failed(id, config.hostId(), "QEMU reports the guest " + state, Instant.now());
            }
            return new MicroVmStatus(id, config.hostId(), MicroVmState.CREATING, "QEMU reports " + state, since);
        } catch (IOException e) {
            if (Instant.now().isBefore(since.plus(config.startTimeout()))) {
                return new MicroVmStatus(id, config.hostId(), MicroVmState.CREATING, "QEMU is starting", since);
            }
            // Alive but silent: maybe busy, maybe wedged. Never call that FAILED (a reconciler would delete it).
            return new MicroVmStatus(id, config.hostId(), MicroVmState.UNKNOWN, "QMP did not answer: " + e.getMessage(), Instant.now());
        }
    }

    /** The last line QEMU wrote before exiting, for the FAILED reason. */
    private static String lastWords(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
