package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of {@code fleet up --driver qemu}: every site agent runs its microVMs as real QEMU guests
 * on this machine. The fleet prepares what an operator prepares on a real site host: the guest kernel and
 * base image (by digest), a network namespace of its own ({@value #NETNS}) with one bridge per site holding
 * the site's gateway address, and the microVM cgroup parents. Everything it makes carries a name
 * {@link FleetCleanup} finds again, so {@code fleet down} removes it even after an agent crashed.
 */
final class QemuFleet {
    /** The fleet's own network namespace: site bridges and every guest's tap live there. */
    static final String NETNS = "ef-fleet";
    /** Prefix of every cgroup the fleet's guests get (the agent appends site and host). */
    static final String CGROUP_PREFIX = "ef-fleet";
    /** Guest memory on this machine, whatever the plan says (a laptop holds a few such guests). */
    static final int GUEST_MEMORY_CAP_MIB = 256;

    private final Path repo;
    private final Path runDir;
    private final PrintStream out;
    private final String accel;
    private Guest guest;

    /** The built guest: kernel, initramfs, base root image and its digest. */
    record Guest(Path kernel, Path initrd, Path baseImage, String sha256) {
    }

    QemuFleet(Path repo, Path runDir, PrintStream out) {
        this.repo = repo;
        this.runDir = runDir;
        this.out = out;
        String wanted = System.getenv().getOrDefault("EDGEFLEET_QEMU_ACCEL", "tcg");
        if (!wanted.equals("tcg") && !wanted.equals("kvm")) {
            throw new IllegalArgumentException("EDGEFLEET_QEMU_ACCEL must be tcg or kvm, got '" + wanted + "'");
        }
        this.accel = wanted;
    }

    static String bridge(int site) {
        return "efbr" + site;
    }

    /** 10.200.<site>.0/24, gateway .1 on the site's bridge. */
    static String subnetPrefix(int site) {
        if (site < 1 || site > 254) {
            throw new IllegalArgumentException("site index " + site + " has no local subnet (1-254)");
        }
        return "10.200." + site + ".";
    }

    /** The inventory's {@code network} object of site {@code site}. */
    static String networkJson(int site) {
        String p = subnetPrefix(site);
        return String.format("{\"subnet\": \"%s0/24\", \"gateway\": \"%s1\", \"firstAddress\": \"%s10\", "
                + "\"lastAddress\": \"%s250\", \"bridge\": \"%s\"}", p, p, p, p, bridge(site));
    }

    /** Builds (or finds cached) the guest, puts its base image where agents look it up by digest, makes netns and bridges. */
    void prepare(int sites) throws IOException {
        Files.createDirectories(stateDir()); // first: it tells FleetCleanup that this run directory makes guests
        guest = buildGuest();
        Path byDigest = imagesDir().resolve("sha256").resolve(guest.sha256());
        if (!Files.exists(byDigest)) {
            Files.createDirectories(byDigest.getParent());
            Path partial = byDigest.resolveSibling(guest.sha256() + ".partial");
            Files.copy(guest.baseImage(), partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, byDigest, StandardCopyOption.ATOMIC_MOVE);
        }
        HostCommands.require(List.of("ip", "netns", "add", NETNS));
        HostCommands.require(List.of("ip", "-n", NETNS, "link", "set", "lo", "up"));
        for (int i = 1; i <= sites; i++) {
            HostCommands.require(List.of("ip", "-n", NETNS, "link", "add", bridge(i), "type", "bridge"));
            HostCommands.require(List.of("ip", "-n", NETNS, "addr", "add", subnetPrefix(i) + "1/24", "dev", bridge(i)));
            HostCommands.require(List.of("ip", "-n", NETNS, "link", "set", bridge(i), "up"));
        }
        out.println("QEMU guests (" + accel + "): kernel " + guest.kernel() + ", base image sha256:" + guest.sha256()
                + ", network namespace " + NETNS + " with bridge efbr<i> = 10.200.<i>.1/24 per site");
        out.println("NOTE: each guest gets at most " + GUEST_MEMORY_CAP_MIB
                + " MiB of memory here, less than its plan asks for, so this machine holds them");
    }

    /** The agent configuration of site {@code siteId}: the QEMU driver and where everything is. */
    Map<String, String> agentConfig(String siteId) {
        Map<String, String> c = new LinkedHashMap<>();
        String q = "edgefleet.agent.driver.qemu.";
        c.put("edgefleet.agent.driver", "qemu");
        c.put("edgefleet.agent.kernel-image", guest.kernel().toString());
        c.put("edgefleet.agent.rootfs-image", "sha256:" + guest.sha256());
        c.put(q + "state-dir", stateDir().resolve(siteId).toString());
        c.put(q + "images-dir", imagesDir().toString());
        c.put(q + "kernel", guest.kernel().toString());
        c.put(q + "initrd", guest.initrd().toString());
        c.put(q + "base-image", "sha256:" + guest.sha256());
        c.put(q + "netns", NETNS);
        c.put(q + "accel", accel);
        c.put(q + "cgroup-parent", CGROUP_PREFIX);
        c.put(q + "guest-memory-cap-mib", Integer.toString(GUEST_MEMORY_CAP_MIB));
        // Several guests boot at once on few cores under emulation: QMP may take longer than on a server.
        c.put(q + "start-timeout-millis", "60000");
        c.put(q + "stop-grace-millis", "3000");
        // The demo's busybox guests run no cloud-init: they boot plainly, without a kubeadm seed
        // (deploy/guest/build-cloudinit-guest makes a guest that does; see CloudInitGuestIT).
        c.put("edgefleet.agent.cluster.bootstrap", "none");
        return c;
    }

    /**
     * Creates the cpuset (v1) parent of each host's microVMs with this machine's online CPUs, so guests
     * can start even before the agent confines the set itself (it narrows it later, never widens past it).
     */
    void prepareCgroups(String siteId, List<String> hostIds) throws IOException {
        Path cpusetRoot = Path.of("/sys/fs/cgroup/cpuset");
        if (!Files.isRegularFile(cpusetRoot.resolve("cpuset.cpus"))) {
            return; // no v1 cpuset: the agent picks v2 or says that nothing is confined
        }
        String cpus = Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
        String mems = Files.readString(cpusetRoot.resolve("cpuset.mems")).strip();
        for (String host : hostIds) {
            Path parent = cpusetRoot.resolve(CGROUP_PREFIX + "-" + siteId + "-" + host);
            Files.createDirectories(parent);
            Files.writeString(parent.resolve("cpuset.mems"), mems);
            if (Files.readString(parent.resolve("cpuset.cpus")).isBlank()) {
                Files.writeString(parent.resolve("cpuset.cpus"), cpus);
            }
        }
    }

    Path stateDir() {
        return runDir.resolve("qemu");
    }

    private Path imagesDir() {
        return runDir.resolve("images");
    }

    private Guest buildGuest() throws IOException {
        Path script = repo.resolve("deploy/guest/build-busybox-guest");
        out.println("building the guest (cached after the first run): " + script);
        HostCommands.Result r = HostCommands.run(List.of(script.toString()));
        if (r.code() != 0) {
            throw new IllegalStateException("building the QEMU guest failed (" + script + "): " + r.output().strip());
        }
        String[] lines = r.output().strip().split("\n");
        Path dir = Path.of(lines[lines.length - 1].strip());
        Path base = dir.resolve("base-root.ext4");
        String sha = Files.readString(dir.resolve("base-root.ext4.sha256"), StandardCharsets.UTF_8).strip().split("\\s+")[0];
        return new Guest(dir.resolve("vmlinuz"), dir.resolve("initramfs.cpio.gz"), base, sha);
    }
}
