package io.edgefleet.agent.inventory.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a host's NUMA nodes, cores, memory, 1 GiB hugepages and SR-IOV physical functions from a
 * sysfs root and a procfs root (normally {@code /sys} and {@code /proc}; tests point them at
 * captured trees). Pure: it only reads files, and the same trees give the same result.
 *
 * <p>Cores are physical cores, as the inventory counts them: the CPUs of one
 * {@code topology/thread_siblings_list} are one core. Without a NUMA tree (kernels built without
 * NUMA, some virtual machines) the host is one node 0 made of {@code devices/system/cpu/online} and
 * the {@code MemTotal} of {@code meminfo}.
 */
public final class HostDiscovery {
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^(?:Node \\d+ )?MemTotal:\\s+(\\d+) kB$");
    private static final String GIB_PAGES = "hugepages/hugepages-1048576kB/nr_hugepages";

    private final Path sys;
    private final Path proc;

    public HostDiscovery(Path sysRoot, Path procRoot) {
        this.sys = sysRoot;
        this.proc = procRoot;
    }

    /** Reads the host now; a file that is missing where the kernel always has it, or unreadable, throws. */
    public DiscoveredHost read() {
        long totalMib = memTotalMib(proc.resolve("meminfo"));
        Path nodeRoot = sys.resolve("devices/system/node");
        List<DiscoveredNumaNode> nodes = new ArrayList<>();
        boolean tree = Files.isDirectory(nodeRoot);
        if (tree) {
            for (Path dir : list(nodeRoot)) {
                Matcher m = NODE_DIR.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isDirectory(dir)) {
                    nodes.add(node(Integer.parseInt(m.group(1)), dir));
                }
            }
            nodes.sort(Comparator.comparingInt(DiscoveredNumaNode::id));
        }
        if (nodes.isEmpty()) {
            tree = false;
            Path online = sys.resolve("devices/system/cpu/online");
            List<Integer> cpus = CpuList.parse(text(online), online.toString());
            List<List<Integer>> cores = coreCpus(cpus);
            nodes.add(new DiscoveredNumaNode(0, cpus, cores.size(), totalMib,
                    optionalInt(sys.resolve("kernel/mm/" + GIB_PAGES)).orElse(0), cores));
        }
        return new DiscoveredHost(nodes, tree, totalMib, pfs());
    }

    private DiscoveredNumaNode node(int id, Path dir) {
        Path cpulist = dir.resolve("cpulist");
        List<Integer> cpus = CpuList.parse(text(cpulist), cpulist.toString());
        List<List<Integer>> cores = coreCpus(cpus);
        return new DiscoveredNumaNode(id, cpus, cores.size(), memTotalMib(dir.resolve("meminfo")),
                optionalInt(dir.resolve(GIB_PAGES)).orElse(0), cores);
    }

    /**
     * Groups the CPUs by their sibling list (only siblings that are among {@code cpus}: online, on this node),
     * ordered by each core's lowest CPU; a CPU without topology in sysfs is a core of its own.
     */
    private List<List<Integer>> coreCpus(List<Integer> cpus) {
        Set<Integer> here = new HashSet<>(cpus);
        Set<List<Integer>> cores = new HashSet<>();
        for (int cpu : cpus) {
            Path siblings = sys.resolve("devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list");
            List<Integer> group = Files.isRegularFile(siblings) ? CpuList.parse(text(siblings), siblings.toString()) : List.of(cpu);
            List<Integer> online = group.stream().filter(here::contains).sorted().toList();
            cores.add(online.isEmpty() ? List.of(cpu) : online);
        }
        return cores.stream().sorted(Comparator.comparing(c -> c.get(0))).toList();
    }

    /** Interfaces whose device has {@code sriov_totalvfs}; VFs and other NICs have none. */
    private List<SriovPf> pfs() {
        Path net = sys.resolve("class/net");
        if (!Files.isDirectory(net)) {
            return List.of();
        }
        List<SriovPf> pfs = new ArrayList<>();
        for (Path iface : list(net)) {
            Path device = iface.resolve("device");
            Optional<Integer> total = optionalInt(device.resolve("sriov_totalvfs"));
            if (total.isEmpty()) {
                continue;
            }
            int vfs = optionalInt(device.resolve("sriov_numvfs")).orElse(0);
            int node = optionalInt(device.resolve("numa_node")).orElse(-1);
            // -1: the firmware gave no affinity. On one node that can only be node 0; on more it is
            // unknown, and node 0 is the kernel's own default for such devices.
            pfs.add(new SriovPf(iface.getFileName().toString(), Math.max(0, node), total.get(), vfs));
        }
        pfs.sort(Comparator.comparing(SriovPf::name));
        return pfs;
    }

    private static long memTotalMib(Path meminfo) {
        Matcher m = MEM_TOTAL.matcher(text(meminfo));
        if (!m.find()) {
            throw new DiscoveryException(meminfo + ": no 'MemTotal: <n> kB' line");
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    private static Optional<Integer> optionalInt(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String value = text(file).trim();
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new DiscoveryException(file + ": '" + value + "' is not an integer");
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DiscoveryException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(out::add);
        } catch (IOException e) {
            throw new DiscoveryException(dir + ": cannot list: " + e.getMessage());
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }
}
