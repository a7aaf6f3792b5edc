package io.edgefleet.agent.driver.vmm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Starts and inspects VMM processes. Injected so tests start nothing real and so a deployment can
 * choose how processes are started (directly, or inside their own systemd scope).
 *
 * <p>A process is identified by its pid AND its start time: after a host reboot or a long uptime a
 * pid can be reused by an unrelated process, and the driver must never take that for its microVM
 * (nor kill it).
 */
public interface VmmProcesses {

    /** A started process: its pid and when the kernel says it started. */
    record Launched(long pid, Instant startedAt) {
    }

    /** Starts {@code command} in {@code workDir}, output appended to {@code logFile}, without waiting for it. */
    Launched launch(List<String> command, Path workDir, Path logFile) throws IOException;

    /** Whether the process that was launched as {@code pid} at {@code startedAt} still runs. */
    boolean isAlive(long pid, Instant startedAt);

    /** Asks the process to end (SIGTERM); no-op if it is gone. */
    void terminate(long pid, Instant startedAt);

    /** Ends the process at once (SIGKILL); no-op if it is gone. */
    void kill(long pid, Instant startedAt);
}
