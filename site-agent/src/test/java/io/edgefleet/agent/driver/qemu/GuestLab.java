package io.edgefleet.agent.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.ProcessHostCommand;
import io.edgefleet.agent.driver.host.VmCgroups;
import io.edgefleet.agent.driver.vmm.HostVmmProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real host for real guests, made by the test and removed after it: a network namespace holding the
 * site bridge (the host side of the management network), the busybox guest built from Debian packages
 * by {@code deploy/guest/build-busybox-guest} (cached), its base image laid out content-addressed, and a
 * cgroup parent name of its own. Everything it makes is named with this JVM's pid, so parallel or
 * leftover runs never touch each other's resources.
 */
final class GuestLab implements AutoCloseable {
    static final String SUBNET_PREFIX = "10.77.0.";
    static final String GATEWAY = SUBNET_PREFIX + "1";

    final String tag = "ef-it-" + ProcessHandle.current().pid();
    final String netns = tag;
    final String bridge = "br-mgmt";
    final String cgroupParent = tag;
    final Path work;
    final Path guestDir;
    final String baseImageDigest;
    final HostCommand commands = new ProcessHostCommand(Duration.ofSeconds(30));

    /** A lab with the busybox guest. */
    GuestLab(Path work) throws IOException {
        this(work, "build-busybox-guest");
    }

    /** @param buildScript the script under deploy/guest that builds (or finds cached) the guest this lab boots */
    GuestLab(Path work, String buildScript) throws IOException {
        this.work = work;
        requireVmm();
        this.guestDir = buildGuest(buildScript);
        String hex = Files.readString(guestDir.resolve("base-root.ext4.sha256")).strip();
        this.baseImageDigest = "sha256:" + hex;
        Path image = work.resolve("images/sha256").resolve(hex);
        Files.createDirectories(image.getParent());
        // cp keeps the image's holes (a 1 GiB image may hold a few hundred MiB); Java's copy writes them out.
        commands.require("place the base image", List.of("cp", "--sparse=always", guestDir.resolve("base-root.ext4").toString(), image.toString()));
        commands.require("make netns", List.of("ip", "netns", "add", netns));
        commands.require("loopback up", List.of("ip", "-n", netns, "link", "set", "lo", "up"));
        commands.require("make bridge", List.of("ip", "-n", netns, "link", "add", bridge, "type", "bridge"));
        commands.require("address bridge", List.of("ip", "-n", netns, "addr", "add", GATEWAY + "/24", "dev", bridge));
        commands.require("bridge up", List.of("ip", "-n", netns, "link", "set", bridge, "up"));
    }

    /** A QEMU driver on this machine with the given settings: real processes, disks, taps and cgroups. */
    static QemuDriver driver(QemuConfig config) {
        VmCgroups cgroups = VmCgroups.detect(config.cgroupRoot(), config.cgroupParent(), config.cgroupMode());
        return new QemuDriver(config, new HostVmmProcesses(), HostResources.onThisHost(config.imagesDir(), config.netns(), cgroups));
    }

    /** Deletes every microVM the driver of {@code config} measures, then removes the lab. */
    void closeWith(QemuConfig config) {
        QemuDriver driver = driver(config);
        driver.list().forEach(s -> driver.delete(s.microVmId()));
        close();
    }

    /** The driver's settings for one host of this lab; software emulation unless EDGEFLEET_QEMU_ACCEL says otherwise. */
    QemuConfig config(String hostId, Duration stopGrace) {
        String accel = System.getenv().getOrDefault("EDGEFLEET_QEMU_ACCEL", "tcg");
        return QemuConfig.fromProperties(Map.ofEntries(
                Map.entry(QemuConfig.PREFIX + "host-id", hostId),
                Map.entry(QemuConfig.PREFIX + "state-dir", work.resolve("state-" + hostId).toString()),
                Map.entry(QemuConfig.PREFIX + "images-dir", work.resolve("images").toString()),
                Map.entry(QemuConfig.PREFIX + "kernel", guestDir.resolve("vmlinuz").toString()),
                Map.entry(QemuConfig.PREFIX + "initrd", initrd().toString()),
                Map.entry(QemuConfig.PREFIX + "base-image", baseImageDigest),
                Map.entry(QemuConfig.PREFIX + "accel", accel),
                Map.entry(QemuConfig.PREFIX + "kernel-args", "quiet"),
                Map.entry(QemuConfig.PREFIX + "netns", netns),
                Map.entry(QemuConfig.PREFIX + "cgroup-parent", cgroupParent + "-" + hostId),
                Map.entry(QemuConfig.PREFIX + "stop-grace-millis", Long.toString(stopGrace.toMillis()))));
    }

    /** The guest's initramfs: the busybox guest's own, or the Debian kernel's (initramfs-tools) for the cloud-init guest. */
    private Path initrd() {
        Path busybox = guestDir.resolve("initramfs.cpio.gz");
        return Files.exists(busybox) ? busybox : guestDir.resolve("initrd.img");
    }

    /** Whether the host side can reach {@code address} (a real ICMP echo from inside the namespace). */
    boolean pings(String address) {
        return commands.run(List.of("ip", "netns", "exec", netns, "ping", "-c", "1", "-W", "2", address)).ok();
    }

    /** Whether a link of this name exists in the lab's namespace. */
    boolean linkExists(String name) {
        return commands.run(List.of("ip", "-n", netns, "-o", "link", "show", "dev", name)).ok();
    }

    /** The ip -o link line of a link (state, master, alias), or "" when it is absent. */
    String link(String name) {
        HostCommand.Result r = commands.run(List.of("ip", "-n", netns, "-o", "link", "show", "dev", name));
        return r.ok() ? r.output() : "";
    }

    /** A file inside an ext4 image, read with debugfs (the guest wrote it from inside). */
    String readFromImage(Path image, String path) {
        String out = commands.require("read " + path + " from " + image, List.of("debugfs", "-R", "cat " + path, image.toString()));
        // debugfs prints its banner on stderr, which the command runner merges in.
        return out.lines().filter(l -> !l.startsWith("debugfs ")).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** A file inside an ext4 image, byte for byte (debugfs dump), or null when the image has no such file. */
    String dumpFromImage(Path image, String path) throws IOException {
        Path out = Files.createTempFile(work, "dump", ".out");
        try {
            HostCommand.Result r = commands.run(List.of("debugfs", "-R", "dump " + path + " " + out, image.toString()));
            // debugfs exits 0 even for a missing file; it says so in its output and leaves the target empty.
            if (!r.ok() || r.output().contains("File not found")) {
                return null;
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The permission bits of a file inside an ext4 image as debugfs prints them ({@code 0600}). */
    String modeInImage(Path image, String path) {
        String stat = commands.require("stat " + path + " in " + image, List.of("debugfs", "-R", "stat " + path, image.toString()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Mode:\\s+0?([0-7]{4})").matcher(stat);
        if (!m.find()) {
            fail("no mode for " + path + " in " + image + ": " + stat);
        }
        return m.group(1);
    }

    /** Waits for the guest's console to show its ready line and returns that line. */
    static String awaitReady(Path console, String microVmId, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String marker = "edgefleet-guest-ready " + microVmId + " ";
        while (System.nanoTime() < deadline) {
            if (Files.exists(console)) {
                for (String line : Files.readAllLines(console, StandardCharsets.ISO_8859_1)) {
                    if (line.contains(marker)) {
                        return line.substring(line.indexOf(marker));
                    }
                }
            }
            Thread.sleep(200);
        }
        fail("guest " + microVmId + " did not reach userspace within " + within.toSeconds() + " s; console:\n"
                + (Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "(none)"));
        return null;
    }

    @Override
    public void close() {
        commands.run(List.of("ip", "netns", "del", netns));
        // Cgroups this lab's drivers made: the per-VM children are gone if the test passed; remove what is left.
        for (String hierarchy : List.of("cpuset", "memory")) {
            Path root = Path.of("/sys/fs/cgroup", hierarchy);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.list(root)) {
                for (Path parent : s.filter(p -> p.getFileName().toString().startsWith(cgroupParent)).toList()) {
                    try (Stream<Path> children = Files.list(parent)) {
                        for (Path child : children.filter(Files::isDirectory).toList()) {
                            Files.deleteIfExists(child);
                        }
                    }
                    Files.deleteIfExists(parent);
                }
            } catch (IOException e) {
                System.err.println("GuestLab: could not remove cgroups under " + root + ": " + e);
            }
        }
    }

    /**
     * Real guests need QEMU. It is installed by .ci/run; without it the test fails, unless the machine
     * declares it cannot run a VMM at all (EDGEFLEET_NO_VMM=1), and then it says so loudly and skips.
     */
    private void requireVmm() {
        boolean qemu = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "qemu-system-x86_64")));
        if (!qemu && "1".equals(System.getenv("EDGEFLEET_NO_VMM"))) {
            System.err.println("**** REAL-GUEST TEST SKIPPED: no qemu-system-x86_64 and EDGEFLEET_NO_VMM=1 ****");
            Assumptions.abort("no VMM on this machine (EDGEFLEET_NO_VMM=1)");
        }
        assertTrue(qemu, "qemu-system-x86_64 is not installed: apt-get install qemu-system-x86 (.ci/run does)");
    }

    private Path buildGuest(String buildScript) throws IOException {
        Path script = Path.of(System.getProperty("edgefleet.repo", "..")).resolve("deploy/guest").resolve(buildScript);
        HostCommand.Result r = new ProcessHostCommand(Duration.ofMinutes(5)).run(List.of("bash", script.toString()));
        if (!r.ok()) {
            fail("cannot build the test guest: " + r.output());
        }
        List<String> lines = r.output().strip().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }
}
