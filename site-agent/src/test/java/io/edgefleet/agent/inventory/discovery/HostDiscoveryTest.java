package io.edgefleet.agent.inventory.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over sysfs trees shaped like real servers, and over this machine's own /sys and /proc. */
class HostDiscoveryTest {
    private static final Path FIXTURES = Path.of("src/test/resources/sysfs");

    @TempDir
    Path dir;

    static DiscoveredHost fixture(String name) {
        return new HostDiscovery(FIXTURES.resolve(name).resolve("sys"), FIXTURES.resolve(name).resolve("proc")).read();
    }

    @Test
    void aTwoSocketServerHasTwoNodesOfSixteenPhysicalCoresWithTheirMemoryHugepagesAndThePfOnNodeOne() {
        DiscoveredHost host = fixture("two-socket");

        assertTrue(host.numaTree());
        assertEquals(List.of(0, 1), host.numaNodes().stream().map(DiscoveredNumaNode::id).toList());
        DiscoveredNumaNode n0 = host.numaNodes().get(0);
        DiscoveredNumaNode n1 = host.numaNodes().get(1);
        assertEquals(concat(IntStream.rangeClosed(0, 15), IntStream.rangeClosed(32, 47)), n0.cpus());
        assertEquals(concat(IntStream.rangeClosed(16, 31), IntStream.rangeClosed(48, 63)), n1.cpus());
        assertEquals(16, n0.physicalCores(), "32 hardware threads, two per core");
        assertEquals(16, n1.physicalCores());
        assertEquals(IntStream.rangeClosed(0, 15).boxed().toList(), n0.coreIds(), "each core named by its lowest CPU");
        assertEquals(IntStream.rangeClosed(16, 31).boxed().toList(), n1.coreIds());
        assertEquals(List.of(16, 48), n1.coreCpus().get(0), "core 16 is CPUs 16 and 48");
        assertEquals(64, host.logicalCpus());
        assertEquals(32, host.physicalCores());
        assertEquals(196471564L / 1024, n0.memoryMib());
        assertEquals(198148164L / 1024, n1.memoryMib());
        assertEquals((196471564L + 198148164L) / 1024, host.totalMemoryMib());
        assertEquals(16, n0.hugepages1Gi());
        assertEquals(16, n1.hugepages1Gi());
        assertEquals(List.of(new SriovPf("ens2f0", 1, 64, 8)), host.pfs(),
                "the PF only: not the VF's own netdev, not the onboard NIC, not lo");
    }

    @Test
    void aSingleSocketMachineWithoutNumaTreeIsOneNodeFromOnlineCpusAndProcMeminfo() {
        DiscoveredHost host = fixture("single-socket");

        assertFalse(host.numaTree());
        assertEquals(1, host.numaNodes().size());
        DiscoveredNumaNode n0 = host.numaNodes().get(0);
        assertEquals(0, n0.id());
        assertEquals(IntStream.rangeClosed(0, 15).boxed().toList(), n0.cpus());
        assertEquals(8, n0.physicalCores());
        assertEquals(65699244L / 1024, n0.memoryMib());
        assertEquals(n0.memoryMib(), host.totalMemoryMib());
        assertEquals(4, n0.hugepages1Gi(), "from /sys/kernel/mm/hugepages when there is no node tree");
        assertEquals(List.of(new SriovPf("eno2", 0, 7, 4)), host.pfs(), "numa_node -1 on one node is node 0");
    }

    @Test
    void cpusWithoutTopologyCountAsOneCoreEach() throws IOException {
        write("sys/devices/system/cpu/online", "0-3\n");
        write("sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "0-1\n");
        write("sys/devices/system/cpu/cpu1/topology/thread_siblings_list", "0-1\n");
        write("proc/meminfo", "MemTotal:        2048000 kB\n");
        DiscoveredHost host = new HostDiscovery(dir.resolve("sys"), dir.resolve("proc")).read();
        assertEquals(3, host.physicalCores(), "cpu0+cpu1 share a core; cpu2 and cpu3 have no topology");
        assertEquals(List.of(List.of(0, 1), List.of(2), List.of(3)), host.numaNodes().get(0).coreCpus());
        assertEquals(List.of(0, 2, 3), host.numaNodes().get(0).coreIds());
        assertEquals(4, host.logicalCpus());
        assertEquals(List.of(), host.pfs());
    }

    @Test
    void aBrokenFileIsNamedInTheError() throws IOException {
        write("sys/devices/system/cpu/online", "0-x\n");
        write("proc/meminfo", "MemTotal:        2048000 kB\n");
        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> new HostDiscovery(dir.resolve("sys"), dir.resolve("proc")).read());
        assertEquals(dir.resolve("sys/devices/system/cpu/online") + ": '0-x' is not a CPU list (expected e.g. 0-15,32-47)",
                e.getMessage());
        write("proc/meminfo", "MemFree:        2048000 kB\n");
        e = assertThrows(DiscoveryException.class, () -> new HostDiscovery(dir.resolve("sys"), dir.resolve("proc")).read());
        assertEquals(dir.resolve("proc/meminfo") + ": no 'MemTotal: <n> kB' line", e.getMessage());
    }

    /** This machine, checked against what getconf and lscpu (util-linux) say, so no number is written here. */
    @Test
    void thisMachineAsTheKernelAndItsToolsDescribeIt() throws IOException, InterruptedException {
        DiscoveredHost host = new HostDiscovery(Path.of("/sys"), Path.of("/proc")).read();

        assertEquals(Integer.parseInt(run("getconf", "_NPROCESSORS_ONLN")), host.logicalCpus());
        Set<String> cores = new HashSet<>();
        Set<String> nodes = new HashSet<>();
        for (String line : run("lscpu", "-p=CORE,SOCKET,NODE").lines().filter(l -> !l.startsWith("#")).toList()) {
            String[] f = line.split(",", -1);
            cores.add(f[0] + "/" + f[1]);
            nodes.add(f[2].isEmpty() ? "0" : f[2]);
        }
        assertEquals(cores.size(), host.physicalCores(), "physical cores as lscpu counts (core, socket) pairs");
        assertEquals(nodes.size(), host.numaNodes().size());
        long physBytes = Long.parseLong(run("getconf", "_PHYS_PAGES")) * Long.parseLong(run("getconf", "PAGESIZE"));
        assertEquals(physBytes / (1024 * 1024), host.totalMemoryMib(), "sysinfo's total RAM is /proc/meminfo's MemTotal");
        long nodeMemory = host.numaNodes().stream().mapToLong(DiscoveredNumaNode::memoryMib).sum();
        assertTrue(nodeMemory > 0 && nodeMemory <= host.totalMemoryMib(), nodeMemory + " MiB on nodes");
        Path gib = Path.of("/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages");
        int kernelGibPages = Files.isRegularFile(gib) ? Integer.parseInt(Files.readString(gib).trim()) : 0;
        assertEquals(kernelGibPages, host.numaNodes().stream().mapToInt(DiscoveredNumaNode::hugepages1Gi).sum(),
                "per-node 1 GiB hugepages add up to the kernel's total");
        assertTrue(host.pfs().stream().allMatch(pf -> pf.vfs() <= pf.totalVfs()), host.pfs().toString());
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<Integer> concat(IntStream a, IntStream b) {
        return IntStream.concat(a, b).boxed().toList();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
