package io.edgefleet.agent.driver.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where microVM processes live on the host: one parent cgroup whose cpuset holds only the cores left to
 * microVMs (not pinned to network functions, not reserved for the system), and one child per microVM
 * whose memory limit bounds that VMM. The VMM joins its child before it executes (see
 * {@code VmmLaunch}), so no vCPU thread ever runs outside its cpuset.
 */
public interface VmCgroups {

    /** How microVMs are confined here, in words for the agent's start-up log and heartbeat. */
    String describe();

    /** False when the host offers no usable cgroup controller (then nothing is confined, and the agent says so). */
    boolean confines();

    /** Sets the cores microVMs may run on (creating the parent if needed); children follow. */
    void confineTo(Set<Integer> cpus);

    /** The cores microVMs may run on now, as the kernel reads them back. */
    Set<Integer> allowedCpus();

    /** Creates the microVM's child (idempotent) and returns the {@code cgroup.procs} files its VMM must join. */
    List<Path> prepare(String microVmId, long memoryLimitBytes);

    /** Whether the microVM's child exists. */
    boolean exists(String microVmId);

    /** Removes the microVM's child (its VMM must have exited); no-op when absent. */
    void remove(String microVmId);

    /**
     * The arguments that make Firecracker's jailer put the VMM in {@code <parent>/<id>} itself, with this
     * memory limit (the jailer creates and joins that cgroup; its cpuset is the parent's). Empty when the
     * hierarchy cannot be handed to the jailer (then the driver refuses jailed microVMs with the reason).
     */
    default List<String> jailerArgs(long memoryLimitBytes) {
        return List.of();
    }

    /** A host where nothing is confined, for the stated reason. */
    static VmCgroups none(String why) {
        return new NoCgroups(why);
    }

    /**
     * Picks the host's hierarchy: {@code v2} when the unified hierarchy offers cpuset and memory, {@code v1}
     * when the legacy cpuset hierarchy is mounted, else {@code none}. {@code mode} forces one ("auto" picks).
     *
     * @param root   the cgroup mount root, normally /sys/fs/cgroup
     * @param parent the parent group's name, e.g. {@code edgefleet-vms}
     */
    static VmCgroups detect(Path root, String parent, String mode) {
        boolean v2 = CgroupV2.available(root);
        boolean v1 = Files.isRegularFile(root.resolve("cpuset").resolve("cpuset.cpus"));
        return switch (mode) {
            case "v2" -> new CgroupV2(root, parent);
            case "v1" -> new CgroupV1(root, parent);
            case "none" -> new NoCgroups("cgroups disabled by configuration");
            case "auto" -> v2 ? new CgroupV2(root, parent) : v1 ? new CgroupV1(root, parent)
                    : new NoCgroups("no cgroup v2 with cpuset+memory and no cgroup v1 cpuset under " + root);
            default -> throw new IllegalArgumentException("cgroup mode must be auto, v1, v2 or none, got '" + mode + "'");
        };
    }
}
