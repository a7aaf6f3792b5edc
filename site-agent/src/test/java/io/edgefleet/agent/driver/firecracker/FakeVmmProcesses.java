package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.vmm.VmmProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Processes" that are {@link FakeFirecrackerServer}s: launching one reads the API socket path from
 * the command line exactly as firecracker (or the jailer) would and starts a fake API server there.
 * It outlives any one driver instance, like a real VMM outlives an agent restart.
 */
final class FakeVmmProcesses implements VmmProcesses {

    private final FirecrackerSpec spec;
    private final Map<Long, FakeFirecrackerServer> servers = new ConcurrentHashMap<>();
    private final Set<Long> alive = ConcurrentHashMap.newKeySet();
    private final List<FakeFirecrackerServer> everStarted = new CopyOnWriteArrayList<>();
    private final Map<Long, Instant> startTimes = new ConcurrentHashMap<>();
    private final List<List<String>> launches = new ArrayList<>();
    private final AtomicLong nextPid = new AtomicLong(40_000);
    private final Map<String, String> rejections = new ConcurrentHashMap<>();
    volatile boolean bindSocket = true;

    FakeVmmProcesses(FirecrackerSpec spec) {
        this.spec = spec;
    }

    @Override
    public synchronized Launched launch(List<String> command, Path workDir, Path logFile) throws IOException {
        launches.add(List.copyOf(command));
        String id = argAfter(command, "--id");
        Path socket = Path.of(argAfter(command, "--api-sock"));
        Path jailRoot = null;
        if (command.contains("--chroot-base-dir")) {
            // The jailer: firecracker's socket path is inside <base>/<exec-file name>/<id>/root.
            Path base = Path.of(argAfter(command, "--chroot-base-dir"));
            String exec = Path.of(argAfter(command, "--exec-file")).getFileName().toString();
            jailRoot = base.resolve(exec).resolve(id).resolve("root");
            socket = jailRoot.resolve(socket.toString().substring(1));
        }
        Files.writeString(logFile, "fake firecracker " + String.join(" ", command) + "\n");
        long pid = nextPid.incrementAndGet();
        Instant started = Instant.now();
        startTimes.put(pid, started);
        alive.add(pid);
        if (bindSocket) { // otherwise alive but never answering: a VMM stuck before binding its socket
            FakeFirecrackerServer server = new FakeFirecrackerServer(socket, spec, id);
            rejections.forEach(server::reject);
            if (jailRoot != null) {
                server.chroot(jailRoot);
            }
            servers.put(pid, server);
            everStarted.add(server);
        }
        return new Launched(pid, started);
    }

    @Override
    public boolean isAlive(long pid, Instant startedAt) {
        Instant s = startTimes.get(pid);
        // Millisecond precision, like the start time the driver records.
        if (s == null || startedAt == null || s.toEpochMilli() != startedAt.toEpochMilli() || !alive.contains(pid)) {
            return false;
        }
        FakeFirecrackerServer server = servers.get(pid);
        if (server != null && !server.running()) {
            alive.remove(pid); // the server exited by itself (guest reset after Ctrl+Alt+Del)
            return false;
        }
        return true;
    }

    @Override
    public void terminate(long pid, Instant startedAt) {
        kill(pid, startedAt);
    }

    @Override
    public void kill(long pid, Instant startedAt) {
        if (isAlive(pid, startedAt)) {
            alive.remove(pid);
            FakeFirecrackerServer server = servers.get(pid);
            if (server != null) {
                server.close();
            }
        }
    }

    synchronized List<List<String>> launches() {
        return List.copyOf(launches);
    }

    /** Every VMM launched from now on refuses {@code "METHOD /path"} with this fault message. */
    void rejectOnNewServers(String methodAndPath, String faultMessage) {
        rejections.put(methodAndPath, faultMessage);
    }

    /** Whether a fake process is alive, whatever its start time (for "was it killed?" checks). */
    boolean alive(long pid) {
        return isAlive(pid, startTimes.get(pid));
    }

    /** The server of the only (or last) launched process. */
    FakeFirecrackerServer last() {
        return servers.get(nextPid.get());
    }

    FakeFirecrackerServer server(long pid) {
        return servers.get(pid);
    }

    /** Every server's requests, for checking that none violated the spec. */
    List<FakeFirecrackerServer.Request> allRequests() {
        List<FakeFirecrackerServer.Request> all = new ArrayList<>();
        everStarted.forEach(s -> all.addAll(s.requests()));
        return all;
    }

    void closeAll() {
        everStarted.forEach(FakeFirecrackerServer::close);
        alive.clear();
    }

    private static String argAfter(List<String> command, String flag) {
        int i = command.lastIndexOf(flag);
        if (i < 0 || i + 1 >= command.size()) {
            throw new IllegalArgumentException("no " + flag + " in " + command);
        }
        return command.get(i + 1);
    }
}
