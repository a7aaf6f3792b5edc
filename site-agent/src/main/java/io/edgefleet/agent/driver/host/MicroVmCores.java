package io.edgefleet.agent.driver.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which CPUs microVM vCPUs may use on a host: the online CPUs, minus the system's reserve (the lowest
 * ids, where the kernel, the agent and the VMMs' I/O threads live by convention), minus every core
 * pinned to a network function. The result is what the microVM cpuset holds.
 */
public final class MicroVmCores {
    private MicroVmCores() {
    }

    /** The allowed CPUs; empty when reserve and pins take everything. */
    public static SortedSet<Integer> allowed(Set<Integer> online, int reservedCores, Set<Integer> pinnedCores) {
        SortedSet<Integer> allowed = new TreeSet<>(online);
        allowed.removeAll(allowed.stream().limit(Math.max(0, reservedCores)).toList());
        allowed.removeAll(pinnedCores);
        return allowed;
    }

    /** This host's online CPUs, as the kernel lists them. */
    public static SortedSet<Integer> online() {
        Path online = Path.of("/sys/devices/system/cpu/online");
        try {
            return CpuList.parse(Files.readString(online));
        } catch (IOException e) {
            throw new HostSetupException("cannot read " + online + ": " + e.getMessage(), e);
        }
    }
}
