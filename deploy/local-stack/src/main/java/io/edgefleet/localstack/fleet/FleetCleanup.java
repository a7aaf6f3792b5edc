package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes what real guests of the local fleet left on this machine, found by the names the fleet gave
 * them rather than by what an agent remembers (an agent may have crashed): VMM processes whose command
 * line names the fleet's run directory, the fleet's network namespace (its bridges and taps go with it),
 * cgroups named with the fleet's prefix, and the guests' disks and base images in the run directory.
 * The namespace and the cgroups are only touched when this run directory made guests ({@code <run>/qemu},
 * made before either of them), so tearing down another fleet (a test's) leaves a running one alone.
 */
final class FleetCleanup {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private final Path runDir;
    private final PrintStream out;

    FleetCleanup(Path runDir, PrintStream out) {
        this.runDir = runDir;
        this.out = out;
    }

    /** Removes everything; says what it removed. Safe to run when nothing is there. */
    void run() throws IOException {
        int killed = killVmms();
        if (killed == 0 && !Files.isDirectory(runDir.resolve("qemu"))) {
            return; // this run directory made no guests: the namespace and cgroups, if any, are another fleet's
        }
        boolean netns = HostCommands.run(List.of("ip", "netns", "list")).output().lines()
                .anyMatch(l -> l.split("\\s+")[0].equals(QemuFleet.NETNS));
        if (netns) {
            HostCommands.require(List.of("ip", "netns", "del", QemuFleet.NETNS));
        }
        int cgroups = removeCgroups();
        boolean disks = deleteTree(runDir.resolve("qemu"));
        deleteTree(runDir.resolve("images"));
        if (killed + cgroups > 0 || netns || disks) {
            out.println("removed the real guests: " + killed + " QEMU process(es), "
                    + (netns ? "network namespace " + QemuFleet.NETNS + " (bridges, taps), " : "")
                    + cgroups + " cgroup(s), " + (disks ? "their disks in " + runDir.resolve("qemu") : "no disks"));
        }
    }

    /** SIGTERM to every VMM of this run directory, SIGKILL to those alive 5 s later. */
    private int killVmms() {
        String marker = runDir.resolve("qemu") + "/";
        List<ProcessHandle> vmms = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu-system") && c.contains(marker)).orElse(false))
                .toList();
        vmms.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : vmms) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillAlive) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : vmms) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // SIGKILLed; the kernel reaps it.
            }
        }
        return vmms.size();
    }

    /** Every cgroup named with the fleet's prefix, under every controller, deepest first. */
    private int removeCgroups() throws IOException {
        if (!Files.isDirectory(CGROUPS)) {
            return 0;
        }
        List<Path> groups = new ArrayList<>();
        List<Path> hierarchies = new ArrayList<>(List.of(CGROUPS));
        try (Stream<Path> s = Files.list(CGROUPS)) {
            s.filter(Files::isDirectory).forEach(hierarchies::add);
        }
        for (Path hierarchy : hierarchies) {
            try (Stream<Path> s = Files.list(hierarchy)) {
                for (Path top : s.filter(p -> p.getFileName().toString().startsWith(QemuFleet.CGROUP_PREFIX + "-"))
                        .filter(Files::isDirectory).toList()) {
                    try (Stream<Path> tree = Files.walk(top)) {
                        tree.filter(Files::isDirectory).forEach(groups::add);
                    }
                }
            } catch (IOException unreadable) {
                // Not a hierarchy (a file or a controller we may not list): nothing of ours there.
            }
        }
        groups.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        int removed = 0;
        for (Path g : groups) {
            if (rmdir(g)) {
                removed++;
            } else {
                out.println("could not remove cgroup " + g + " (a process still in it?)");
            }
        }
        return removed;
    }

    /** A cgroup is removed with rmdir (its files are not real files); an exiting process may hold it briefly. */
    private static boolean rmdir(Path group) {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (HostCommands.run(List.of("rmdir", group.toString())).ok() || !Files.exists(group)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }
}
