package io.edgefleet.agent.driver.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The unified hierarchy: {@code <root>/<parent>} holds the microVM cpuset, each {@code <parent>/<id>}
 * inherits it (an empty {@code cpuset.cpus} means "the parent's") and sets {@code memory.max}. Both
 * controllers must be enabled in the root's and the parent's {@code cgroup.subtree_control}. This is the
 * layout Firecracker's jailer uses with {@code --cgroup-version 2 --parent-cgroup <parent>}.
 */
final class CgroupV2 implements VmCgroups {
    private final Path root;
    private final Path parent;

    CgroupV2(Path root, String parent) {
        this.root = root;
        this.parent = root.resolve(parent);
    }

    static boolean available(Path root) {
        Path controllers = root.resolve("cgroup.controllers");
        if (!Files.isRegularFile(controllers)) {
            return false;
        }
        List<String> names = List.of(CgroupFiles.read(controllers).split("\\s+"));
        return names.contains("cpuset") && names.contains("memory");
    }

    @Override
    public String describe() {
        return "cgroup v2: " + parent + " (cpuset, memory)";
    }

    @Override
    public boolean confines() {
        return true;
    }

    @Override
    public synchronized void confineTo(Set<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new HostSetupException("no core is left for microVMs: every core is reserved or pinned");
        }
        enableControllers(root);
        CgroupFiles.mkdir(parent);
        enableControllers(parent);
        CgroupFiles.write(parent.resolve("cpuset.cpus"), CpuList.format(cpus));
    }

    @Override
    public Set<Integer> allowedCpus() {
        Path effective = parent.resolve("cpuset.cpus.effective");
        return Files.exists(effective) ? CpuList.parse(CgroupFiles.read(effective)) : Set.of();
    }

    @Override
    public synchronized List<Path> prepare(String microVmId, long memoryLimitBytes) {
        if (!Files.isDirectory(parent)) {
            throw new HostSetupException("the microVM cgroup " + parent + " does not exist yet: the agent confines it before creating microVMs");
        }
        Path child = parent.resolve(microVmId);
        CgroupFiles.mkdir(child);
        CgroupFiles.write(child.resolve("memory.max"), Long.toString(memoryLimitBytes));
        return List.of(child.resolve("cgroup.procs"));
    }

    @Override
    public List<String> jailerArgs(long memoryLimitBytes) {
        return List.of("--cgroup-version", "2", "--parent-cgroup", parent.getFileName().toString(),
                "--cgroup", "memory.max=" + memoryLimitBytes);
    }

    @Override
    public boolean exists(String microVmId) {
        return Files.isDirectory(parent.resolve(microVmId));
    }

    @Override
    public synchronized void remove(String microVmId) {
        CgroupFiles.rmdir(parent.resolve(microVmId));
    }

    private static void enableControllers(Path group) {
        Path control = group.resolve("cgroup.subtree_control");
        String enabled = CgroupFiles.read(control);
        if (!(" " + enabled + " ").contains(" cpuset ") || !(" " + enabled + " ").contains(" memory ")) {
            CgroupFiles.write(control, "+cpuset +memory");
        }
    }
}
