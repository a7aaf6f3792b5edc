package io.edgefleet.agent.driver.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The legacy hierarchies: {@code cpuset/<parent>/<id>} for cores and {@code memory/<parent>/<id>} for the
 * memory limit (when the memory controller is mounted). In v1 a new cpuset is empty and takes no task
 * until its {@code cpuset.cpus} and {@code cpuset.mems} are written, and a child's CPUs must always stay
 * inside its parent's, so every change of the parent widens first and narrows last.
 */
final class CgroupV1 implements VmCgroups {
    private final Path cpusetParent;
    private final Path memoryParent;

    CgroupV1(Path root, String parent) {
        this.cpusetParent = root.resolve("cpuset").resolve(parent);
        Path memory = root.resolve("memory");
        this.memoryParent = Files.isRegularFile(memory.resolve("memory.limit_in_bytes")) ? memory.resolve(parent) : null;
    }

    @Override
    public String describe() {
        return "cgroup v1: cpuset " + cpusetParent + (memoryParent == null ? " (no memory controller: memory NOT limited)"
                : ", memory " + memoryParent);
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
        ensureParent(cpus);
        SortedSet<Integer> union = new TreeSet<>(allowedCpus());
        union.addAll(cpus);
        String wanted = CpuList.format(cpus);
        CgroupFiles.write(cpusetParent.resolve("cpuset.cpus"), CpuList.format(union));
        for (Path child : children()) {
            CgroupFiles.write(child.resolve("cpuset.cpus"), wanted);
        }
        CgroupFiles.write(cpusetParent.resolve("cpuset.cpus"), wanted);
    }

    @Override
    public Set<Integer> allowedCpus() {
        Path cpus = cpusetParent.resolve("cpuset.cpus");
        return Files.exists(cpus) ? CpuList.parse(CgroupFiles.read(cpus)) : Set.of();
    }

    @Override
    public synchronized List<Path> prepare(String microVmId, long memoryLimitBytes) {
        if (allowedCpus().isEmpty()) {
            throw new HostSetupException("the microVM cpuset " + cpusetParent + " has no cores yet: the agent confines it before creating microVMs");
        }
        Path cpuset = cpusetParent.resolve(microVmId);
        CgroupFiles.mkdir(cpuset);
        CgroupFiles.write(cpuset.resolve("cpuset.mems"), CgroupFiles.read(cpusetParent.resolve("cpuset.mems")));
        CgroupFiles.write(cpuset.resolve("cpuset.cpus"), CgroupFiles.read(cpusetParent.resolve("cpuset.cpus")));
        List<Path> procs = new ArrayList<>(List.of(cpuset.resolve("cgroup.procs")));
        if (memoryParent != null) {
            Path memory = memoryParent.resolve(microVmId);
            CgroupFiles.mkdir(memory);
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryLimitBytes));
            procs.add(memory.resolve("cgroup.procs"));
        }
        return procs;
    }

    @Override
    public boolean exists(String microVmId) {
        return Files.isDirectory(cpusetParent.resolve(microVmId))
                || memoryParent != null && Files.isDirectory(memoryParent.resolve(microVmId));
    }

    @Override
    public synchronized void remove(String microVmId) {
        CgroupFiles.rmdir(cpusetParent.resolve(microVmId));
        if (memoryParent != null) {
            CgroupFiles.rmdir(memoryParent.resolve(microVmId));
        }
    }

    private void ensureParent(Set<Integer> cpus) {
        if (!Files.isDirectory(cpusetParent)) {
            CgroupFiles.mkdir(cpusetParent);
            CgroupFiles.write(cpusetParent.resolve("cpuset.mems"), CgroupFiles.read(cpusetParent.getParent().resolve("cpuset.mems")));
            CgroupFiles.write(cpusetParent.resolve("cpuset.cpus"), CpuList.format(cpus));
        }
        if (memoryParent != null) {
            CgroupFiles.mkdir(memoryParent);
        }
    }

    private List<Path> children() {
        try (Stream<Path> s = Files.list(cpusetParent)) {
            return s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new HostSetupException("cannot list " + cpusetParent + ": " + e.getMessage(), e);
        }
    }
}
