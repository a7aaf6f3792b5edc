package io.edgefleet.agent.driver.host;

import io.edgefleet.agent.inventory.discovery.HostDiscovery;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which CPUs microVM vCPUs may use on a host: the online CPUs, minus the system's reserve (the lowest
 * physical cores, where the kernel, the agent and the VMMs' I/O threads live by convention), minus every
 * core pinned to a network function. Reserve and pins take whole physical cores, hardware-thread siblings
 * included: a vCPU on the sibling of a pinned core would share its execution units with the network
 * function. The result is what the microVM cpuset holds.
 */
public final class MicroVmCores {
    private MicroVmCores() {
    }

    /**
     * The allowed CPUs; empty when reserve and pins take everything.
     *
     * @param cores        the host's physical cores, each as its CPUs (hardware threads)
     * @param pinnedCores  core ids the plan pins (a core's id is its lowest CPU; any CPU of a core names it)
     */
    public static SortedSet<Integer> allowed(List<List<Integer>> cores, int reservedCores, Set<Integer> pinnedCores) {
        List<List<Integer>> ordered = cores.stream().sorted(Comparator.comparing(c -> c.get(0))).toList();
        SortedSet<Integer> allowed = new TreeSet<>();
        for (int i = Math.max(0, reservedCores); i < ordered.size(); i++) {
            List<Integer> core = ordered.get(i);
            if (core.stream().noneMatch(pinnedCores::contains)) {
                allowed.addAll(core);
            }
        }
        return allowed;
    }

    /** {@link #allowed(List, int, Set)} for a host whose every CPU is a core of its own (no SMT). */
    public static SortedSet<Integer> allowed(Set<Integer> online, int reservedCores, Set<Integer> pinnedCores) {
        return allowed(online.stream().map(List::of).toList(), reservedCores, pinnedCores);
    }

    /** This host's physical cores, as the kernel groups its online CPUs into hardware-thread siblings. */
    public static List<List<Integer>> cores() {
        return new HostDiscovery(Path.of("/sys"), Path.of("/proc")).read().cores();
    }

    /** This host's online CPUs, as the kernel lists them. */
    public static SortedSet<Integer> online() {
        SortedSet<Integer> online = new TreeSet<>();
        cores().forEach(online::addAll);
        return online;
    }
}
