package io.edgefleet.agent.etcd;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real etcd processes ({@code /usr/bin/etcd}, Debian's etcd-server) on plain http at 127.0.0.1, one slot
 * per member name: client port 23790 + slot, peer port 23800 + slot, data and log under {@code work}.
 * Slots are never reused within a lab, so a new member never inherits the address of a removed one.
 * Every process it starts is stopped by its own handle in {@link #close}, which waits for it to exit.
 */
final class EtcdLab implements AutoCloseable {
    static final Path ETCD = Path.of(System.getProperty("edgefleet.etcd", "/usr/bin/etcd"));
    static final Path ETCDCTL = Path.of(System.getProperty("edgefleet.etcdctl", "/usr/bin/etcdctl"));
    static final String HOST = "127.0.0.1";
    static final int CLIENT_BASE = 23790;
    static final int PEER_BASE = 23800;

    private final Path work;
    private final int lastSlot;
    private int nextSlot;
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();

    /** A lab using slots {@code firstSlot .. firstSlot + count - 1}, its directory emptied first. */
    EtcdLab(Path work, int firstSlot, int count) throws IOException {
        requireEtcd();
        if (firstSlot + count > 10) {
            throw new IllegalArgumentException("client ports 23790-23799 and peer ports 23800-23809 allow 10 slots");
        }
        this.work = work.toAbsolutePath();
        this.nextSlot = firstSlot;
        this.lastSlot = firstSlot + count - 1;
        deleteTree(this.work);
        Files.createDirectories(this.work);
    }

    /** On Linux a missing etcd is a failure (install it); elsewhere the test is skipped, loudly. */
    static void requireEtcd() {
        if (Files.isExecutable(ETCD) && Files.isExecutable(ETCDCTL)) {
            return;
        }
        String what = ETCD + " or " + ETCDCTL + " is missing";
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            fail(what + ": install Debian's etcd-server and etcd-client (apt-get install etcd-server etcd-client)");
        }
        System.err.println("SKIPPED: the real-etcd tests need Linux with etcd-server and etcd-client; " + what);
        Assumptions.abort("real etcd is not available on this system: " + what);
    }

    String peerUrl(String name) {
        return "http://" + HOST + ":" + (PEER_BASE + slot(name));
    }

    URI clientUrl(String name) {
        return URI.create("http://" + HOST + ":" + (CLIENT_BASE + slot(name)));
    }

    DesiredMember desired(String name) {
        return new DesiredMember(name, peerUrl(name));
    }

    List<DesiredMember> desired(List<String> names) {
        return names.stream().map(this::desired).toList();
    }

    Path dataDir(String name) {
        return work.resolve(name + ".etcd");
    }

    /** A new client on the client URLs of the members whose process runs, as an agent that just started would build. */
    EtcdClient client() {
        List<URI> endpoints = processes.entrySet().stream().filter(e -> e.getValue().isAlive()).map(e -> clientUrl(e.getKey())).toList();
        return new EtcdClient(endpoints.isEmpty() ? List.of(clientUrl(slots.keySet().iterator().next())) : endpoints, null);
    }

    /** Starts a new cluster of these members and waits until each answers with a leader. */
    void startCluster(String... names) throws IOException, InterruptedException {
        String initial = Stream.of(names).map(n -> n + "=" + peerUrl(n)).collect(Collectors.joining(","));
        for (String n : names) {
            start(n, initial, "new", true);
        }
        for (String n : names) {
            awaitAnswer(n, Duration.ofSeconds(20));
        }
    }

    /** Starts a member that was added to the running cluster, with the started members as its initial cluster. */
    void startJoining(String name, List<EtcdMember> members) throws IOException {
        List<String> initial = new ArrayList<>();
        for (EtcdMember m : members) {
            if (m.started()) {
                initial.add(m.name() + "=" + m.peerUrls().get(0));
            }
        }
        initial.add(name + "=" + peerUrl(name));
        start(name, String.join(",", initial), "existing", true);
    }

    /** Starts a member on a data directory that is already there (a restored snapshot) and waits for it. */
    void startOnExistingData(String name) throws IOException, InterruptedException {
        start(name, name + "=" + peerUrl(name), "new", false);
        awaitAnswer(name, Duration.ofSeconds(20));
    }

    /** kill -9, as when the host under a replica dies; waits until the process is gone. */
    void kill(String name) throws InterruptedException {
        Process p = processes.get(name);
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            fail("etcd " + name + " (pid " + p.pid() + ") did not die on SIGKILL");
        }
    }

    /** Stops a member (SIGTERM, SIGKILL after 5 s) and waits until its process is gone. */
    void stop(String name) throws InterruptedException {
        Process p = processes.get(name);
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A removed member shuts itself down; waits for that, stopping it after {@code within}. */
    void awaitExit(String name, Duration within) throws InterruptedException {
        Process p = processes.get(name);
        if (p != null && !p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(name);
        }
    }

    String leaderName() throws IOException {
        EtcdClient client = client();
        String leaderId = client.status(client.endpoints().get(0)).leaderId();
        return client.memberList().stream().filter(m -> m.id().equals(leaderId)).map(EtcdMember::name).findFirst()
                .orElseThrow(() -> new IOException("no member is the leader " + leaderId));
    }

    Path work() {
        return work;
    }

    @Override
    public void close() throws InterruptedException {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private int slot(String name) {
        return slots.computeIfAbsent(name, n -> {
            if (nextSlot > lastSlot) {
                throw new IllegalStateException("this lab has no slot left for " + n);
            }
            return nextSlot++;
        });
    }

    private void start(String name, String initialCluster, String state, boolean freshData) throws IOException {
        if (processes.containsKey(name) && processes.get(name).isAlive()) {
            throw new IllegalStateException("etcd " + name + " runs already");
        }
        int client = CLIENT_BASE + slot(name);
        int peer = PEER_BASE + slot(name);
        requireFree(client);
        requireFree(peer);
        if (freshData) {
            deleteTree(dataDir(name));
        }
        List<String> command = List.of(ETCD.toString(), "--name", name, "--data-dir", dataDir(name).toString(),
                "--listen-client-urls", clientUrl(name).toString(), "--advertise-client-urls", clientUrl(name).toString(),
                "--listen-peer-urls", peerUrl(name), "--initial-advertise-peer-urls", peerUrl(name),
                "--initial-cluster", initialCluster, "--initial-cluster-state", state,
                "--initial-cluster-token", "edgefleet-it-" + ProcessHandle.current().pid());
        Path log = work.resolve(name + ".log");
        processes.put(name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    private void awaitAnswer(String name, Duration within) throws InterruptedException {
        EtcdClient client = new EtcdClient(List.of(clientUrl(name)), null);
        Instant deadline = Instant.now().plus(within);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!processes.get(name).isAlive()) {
                fail("etcd " + name + " exited; see " + work.resolve(name + ".log"));
            }
            try {
                if (client.status(clientUrl(name)).healthy()) {
                    return;
                }
                last = "no leader yet";
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        fail("etcd " + name + " did not answer within " + within.toSeconds() + " s (" + last + "); see " + work.resolve(name + ".log"));
    }

    private static void requireFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " on " + HOST + " is in use (an etcd left over from an earlier run?)", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
