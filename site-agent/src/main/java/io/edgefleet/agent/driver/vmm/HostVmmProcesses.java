package io.edgefleet.agent.driver.vmm;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Real processes of this host, through {@link ProcessBuilder} and {@link ProcessHandle}.
 *
 * <p>The launched process is not tied to the agent: its stdin is /dev/null and its output goes to a
 * file, so nothing breaks when the agent's JVM exits, and the JVM does not kill children on exit.
 * Whether systemd leaves it alone when the agent's unit stops is the unit's business
 * ({@code KillMode=process}) and the launch prefix's ({@code systemd-run --scope} moves it into its
 * own cgroup); see {@code deploy/agent/edgefleet-agent.service}.
 */
public final class HostVmmProcesses implements VmmProcesses {

    /** Start times read from /proc have a resolution of one clock tick; allow more than that. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    @Override
    public Launched launch(List<String> command, Path workDir, Path logFile) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .start();
        Instant started = p.info().startInstant().orElseGet(Instant::now);
        return new Launched(p.pid(), started);
    }

    @Override
    public boolean isAlive(long pid, Instant startedAt) {
        return handle(pid, startedAt).isPresent();
    }

    @Override
    public void terminate(long pid, Instant startedAt) {
        handle(pid, startedAt).ifPresent(ProcessHandle::destroy);
    }

    @Override
    public void kill(long pid, Instant startedAt) {
        handle(pid, startedAt).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The live process with this pid, only if it is the one started at {@code startedAt}. */
    private static Optional<ProcessHandle> handle(long pid, Instant startedAt) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                .map(s -> Duration.between(s, startedAt).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(true)); // start time unreadable: the pid is all we can check
    }
}
