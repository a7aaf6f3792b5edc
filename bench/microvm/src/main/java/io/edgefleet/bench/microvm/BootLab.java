package io.edgefleet.bench.microvm;

import io.edgefleet.agent.driver.host.BaseImages;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.ProcessHostCommand;
import io.edgefleet.agent.driver.qemu.QemuConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The host the bench boots guests on, made at start and removed at the end: a network namespace
 * holding the site bridge (lo up, the bridge addressed with the site's gateway), the busybox guest
 * that {@code deploy/guest/build-busybox-guest} builds (cached), its base image laid out by digest
 * under a work directory, and a cgroup parent of its own. Everything is named with this JVM's pid.
 */
final class BootLab implements AutoCloseable {
    static final String SUBNET = "10.78.0.0/24";
    static final String ADDRESS_PREFIX = "10.78.0.";
    static final String GATEWAY = ADDRESS_PREFIX + "1";
    /**
     * The site bridge, in the host's own namespace as on a real host (the agent then measures taps through
     * sysfs and starts QEMU directly, the production path); named with this JVM's pid, removed at the end.
     */
    static final String BRIDGE = "efbb" + ProcessHandle.current().pid() % 100_000;

    final String tag = "ef-boot-" + ProcessHandle.current().pid();
    final Path work;
    final Path guestDir;
    final String baseImageDigest;
    private final HostCommand commands = new ProcessHostCommand(Duration.ofSeconds(30));
    private boolean bridgeMade;

    BootLab(Path repo, Path work) throws IOException {
        this.work = work;
        this.guestDir = buildGuest(repo);
        String hex = Files.readString(guestDir.resolve("base-root.ext4.sha256")).strip();
        this.baseImageDigest = "sha256:" + hex;
        Path image = images().resolve("sha256").resolve(hex);
        Files.createDirectories(image.getParent());
        Files.copy(guestDir.resolve("base-root.ext4"), image, StandardCopyOption.REPLACE_EXISTING);
        // An operator fetches and verifies an image before plans use it; the agent then reuses the
        // verified digest (a marker beside the image), so the plan's creates do not hash 64 MiB.
        new BaseImages(images()).resolve(baseImageDigest);
        bridgeMade = true;
        commands.require("make bridge", List.of("ip", "link", "add", BRIDGE, "type", "bridge"));
        commands.require("bridge up", List.of("ip", "link", "set", BRIDGE, "up"));
    }

    Path images() {
        return work.resolve("images");
    }

    Path stateDir() {
        return work.resolve("state");
    }

    String cgroupParent() {
        return tag;
    }

    /** The QEMU driver keys an operator would set for this host (software emulation unless EDGEFLEET_QEMU_ACCEL says kvm). */
    Map<String, String> driverProperties(String hostId, String accel) {
        return Map.ofEntries(
                Map.entry(QemuConfig.PREFIX + "host-id", hostId),
                Map.entry(QemuConfig.PREFIX + "state-dir", stateDir().toString()),
                Map.entry(QemuConfig.PREFIX + "images-dir", images().toString()),
                Map.entry(QemuConfig.PREFIX + "kernel", guestDir.resolve("vmlinuz").toString()),
                Map.entry(QemuConfig.PREFIX + "initrd", guestDir.resolve("initramfs.cpio.gz").toString()),
                Map.entry(QemuConfig.PREFIX + "base-image", baseImageDigest),
                Map.entry(QemuConfig.PREFIX + "accel", accel),
                Map.entry(QemuConfig.PREFIX + "kernel-args", "quiet"),
                Map.entry(QemuConfig.PREFIX + "cgroup-parent", cgroupParent()),
                Map.entry(QemuConfig.PREFIX + "stop-grace-millis", "500"));
    }

    /** Removes the bridge (and any tap still on it), the cgroups and the work directory. */
    @Override
    public void close() {
        if (bridgeMade) {
            try (Stream<Path> ports = Files.list(Path.of("/sys/class/net", BRIDGE, "brif"))) {
                ports.forEach(port -> commands.run(List.of("ip", "link", "del", port.getFileName().toString())));
            } catch (IOException e) {
                System.err.println("could not list the ports of bridge " + BRIDGE + ": " + e);
            }
            commands.run(List.of("ip", "link", "del", BRIDGE));
        }
        for (String hierarchy : List.of("cpuset", "memory", "")) {
            Path parent = Path.of("/sys/fs/cgroup", hierarchy, cgroupParent());
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> children = Files.list(parent)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    Files.deleteIfExists(child);
                }
                Files.deleteIfExists(parent);
            } catch (IOException e) {
                System.err.println("could not remove cgroup " + parent + ": " + e);
            }
        }
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + work + ": " + e);
        }
    }

    private static Path buildGuest(Path repo) throws IOException {
        Path script = repo.resolve("deploy/guest/build-busybox-guest");
        HostCommand.Result r = new ProcessHostCommand(Duration.ofMinutes(10)).run(List.of("bash", script.toString()));
        if (!r.ok()) {
            throw new IOException("cannot build the guest with " + script + ": " + r.output());
        }
        List<String> lines = r.output().strip().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }
}
