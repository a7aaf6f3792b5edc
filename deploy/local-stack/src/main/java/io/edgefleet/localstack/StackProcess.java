package io.edgefleet.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process the stack started: its name, PID and log file.
 *
 * <p>Every process carries a marker argument ({@code -Dedgefleet.stack=DIR} for JVMs) so that a
 * later {@code fleet down} can tell our process from an unrelated one that reused the PID.
 */
public final class StackProcess {
    private final String name;
    private final long pid;
    private final Path log;

    public StackProcess(String name, long pid, Path log) {
        this.name = name;
        this.pid = pid;
        this.log = log;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code log}.
     *
     * @param detached start it in a session of its own ({@code setsid}), so it outlives the
     *                 terminal that ran {@code fleet up -d}
     */
    public static StackProcess start(String name, List<String> command, Map<String, String> env,
                                     Path workDir, Path log, boolean detached) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> full = new ArrayList<>();
        if (detached) {
            full.add("setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        return new StackProcess(name, process.pid(), log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The command line of the live process, if the OS tells it. */
    public Optional<String> commandLine() {
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }

    /**
     * Stops the process and its descendants: SIGTERM first so services shut down cleanly,
     * SIGKILL for whatever is still alive after {@code grace}.
     */
    public void stop(Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(handle.get().descendants().toList());
        all.add(handle.get());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Already SIGKILLed; the kernel reaps it. Nothing more we can do.
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ", log " + log + ")";
    }
}
