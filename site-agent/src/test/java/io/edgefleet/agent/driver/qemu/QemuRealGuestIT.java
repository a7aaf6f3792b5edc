package io.edgefleet.agent.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.host.CpuList;
import io.edgefleet.agent.driver.host.MicroVmCores;
import io.edgefleet.agent.driver.host.TapNames;
import io.edgefleet.agent.reconcile.ReconcilePlanner;
import io.edgefleet.agent.reconcile.Step;
import io.edgefleet.agent.reconcile.Target;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boots two REAL guests at once with the QEMU driver (KVM where it works, software emulation here) and
 * checks what an operator would check on the host: each has its own process, disk, tap and cgroup; the
 * host pings each guest's planned address; each guest wrote its id to its own disk and printed its ready
 * line; its vCPU thread runs only on the microVM cpuset; a restarted driver adopts both untouched; and
 * deleting a microVM removes its process, disk, tap and cgroup while the other keeps running.
 * One scenario, one boot of each guest: emulated guests are slow, so the steps share them.
 */
class QemuRealGuestIT {
    static final String HOST = "h1";
    static final Duration BOOT = Duration.ofSeconds(120);

    static GuestLab lab;
    static QemuConfig config;

    @BeforeAll
    static void makeLab() throws IOException {
        lab = new GuestLab(Path.of("target/qemu-it").toAbsolutePath());
        config = lab.config(HOST, Duration.ofMillis(500));
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.closeWith(config);
        }
    }

    static QemuDriver driver() {
        return GuestLab.driver(config);
    }

    static MicroVmSpec spec(String id, int lastOctet) {
        String ip = GuestLab.SUBNET_PREFIX + lastOctet;
        NicSpec nic = new NicSpec("eth0", TapNames.of(id, "eth0"), String.format("02:ef:0a:4d:00:%02x", lastOctet), null, lab.bridge, null);
        String args = "console=ttyS0 panic=-1 edgefleet.id=" + id + " edgefleet.ip=" + ip + "/24 edgefleet.gw=" + GuestLab.GATEWAY;
        return new MicroVmSpec(id, "c1", HOST, 1, 256, 1, null, null, args, List.of(nic));
    }

    @Test
    void twoRealGuestsEachWithTheirOwnDiskTapAndCgroup() throws Exception {
        QemuDriver driver = driver();
        SortedSet<Integer> online = MicroVmCores.online();
        int reserved = online.size() > 1 ? 1 : 0;
        driver.keepMicroVmsOff(HOST, reserved, Set.of());
        Set<Integer> vmCores = MicroVmCores.allowed(online, reserved, Set.of());
        assertTrue(driver.isolation(HOST).startsWith("cgroup"), driver.isolation(HOST));

        MicroVmSpec a = spec("vm-a", 11);
        MicroVmSpec b = spec("vm-b", 12);
        // Two creates at once, as the reconciler may issue them for two planned microVMs.
        CompletableFuture<MicroVmStatus> fa = CompletableFuture.supplyAsync(() -> driver.create(a));
        CompletableFuture<MicroVmStatus> fb = CompletableFuture.supplyAsync(() -> driver.create(b));
        assertEquals(MicroVmState.RUNNING, fa.get().state(), fa.get().reason());
        assertEquals(MicroVmState.RUNNING, fb.get().state(), fb.get().reason());

        Map<String, Long> pids = Map.of("vm-a", pid("vm-a"), "vm-b", pid("vm-b"));
        for (MicroVmSpec vm : List.of(a, b)) {
            String id = vm.microVmId();
            Path dir = config.stateDir().resolve(id);
            String ready = GuestLab.awaitReady(dir.resolve("console.log"), id, BOOT);
            assertTrue(ready.contains("addr=" + GuestLab.SUBNET_PREFIX) && ready.contains("disk=vda"), ready);
            assertTrue(lab.pings(address(vm)), "host cannot ping " + id + " at " + address(vm));
            String tap = vm.nics().get(0).hostDevName();
            String link = lab.link(tap);
            assertTrue(link.contains("master " + lab.bridge) && link.contains("alias " + id), "tap of " + id + ": " + link);
            assertEquals(id, lab.readFromImage(dir.resolve("root.img"), "/booted-by").strip(),
                    "each guest writes only its own disk");
            assertEquals(1L << 30, Files.size(dir.resolve("root.img")), "root disk grown to the planned 1 GiB");
            Path cpuset = Path.of("/sys/fs/cgroup/cpuset", config.cgroupParent(), id);
            assertTrue(Files.readString(cpuset.resolve("cgroup.procs")).lines().anyMatch(l -> l.equals(pids.get(id).toString())),
                    "QEMU of " + id + " is in its cpuset " + cpuset);
            assertEquals(vmCores, vcpuThreadCpus(pids.get(id)), "vCPU thread of " + id + " runs only on the microVM cores");
        }
        assertNotEquals(pids.get("vm-a"), pids.get("vm-b"));

        // The agent restarts: a new driver over the same state adopts both guests as they are.
        QemuDriver restarted = driver();
        Map<String, MicroVmState> states = restarted.list().stream()
                .collect(Collectors.toMap(MicroVmStatus::microVmId, MicroVmStatus::state));
        assertEquals(Map.of("vm-a", MicroVmState.RUNNING, "vm-b", MicroVmState.RUNNING), states);
        assertEquals(MicroVmState.RUNNING, restarted.create(a).state(), "a repeated create is a no-op");
        assertEquals(pids, Map.of("vm-a", pid("vm-a"), "vm-b", pid("vm-b")), "no guest was restarted or duplicated");
        assertEquals(2, qemuProcessesOfThisLab(), "exactly one VMM per microVM");

        // A network function is planned on this host, pinned to its highest core: the agent's confinement step
        // moves the running guests' vCPUs off that core (and its hardware-thread siblings) in place.
        int pinned = online.last();
        SitePlan withNf = new SitePlan("site-t", 2, Instant.now(), List.of(planned(a), planned(b)), List.of(),
                List.of(new PlannedNetworkFunction("upf-1", "c1", NetworkFunctionKind.UPF,
                        List.of(new PlannedNfReplica(0, HOST, 0, List.of(pinned), 0, 0, Map.of())))));
        Target target = new Target(restarted, new SimulatedClusterAccess(restarted));
        List<Step> confinements = new ReconcilePlanner("/k", "/r", new NfPods("nf", "nf/{kind}:1", "intel.com"),
                Map.of(HOST, 0)).confinements(withNf);
        assertEquals(1, confinements.size(), confinements.toString());
        for (Step step : confinements) {
            assertTrue(step.shouldDo(target), "the cpuset still holds core " + pinned + ": " + step.describe());
            step.perform(target);
            assertTrue(step.verify(target), step.describe());
        }
        Set<Integer> offThePin = MicroVmCores.allowed(MicroVmCores.cores(), 0, Set.of(pinned));
        for (MicroVmSpec vm : List.of(a, b)) {
            Set<Integer> cpus = vcpuThreadCpus(pids.get(vm.microVmId()));
            assertFalse(cpus.contains(pinned), "vCPU of " + vm.microVmId() + " may still run on the NF's core " + pinned);
            assertEquals(offThePin, cpus, "vCPU thread of " + vm.microVmId() + " runs on every other core");
        }
        assertTrue(lab.pings(address(a)) && lab.pings(address(b)), "both guests keep running, moved in place");

        restarted.delete("vm-a");
        assertGone(a, pids.get("vm-a"));
        assertTrue(lab.pings(address(b)), "the other guest keeps running");
        restarted.delete("vm-b");
        assertGone(b, pids.get("vm-b"));
        assertEquals(0, qemuProcessesOfThisLab());
    }

    private static void assertGone(MicroVmSpec vm, long pid) {
        String id = vm.microVmId();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU of " + id + " still runs");
        assertFalse(Files.exists(config.stateDir().resolve(id)), "state dir and disk of " + id + " remain");
        assertFalse(lab.linkExists(vm.nics().get(0).hostDevName()), "tap of " + id + " remains");
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/cpuset", config.cgroupParent(), id)), "cpuset of " + id + " remains");
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory", config.cgroupParent(), id)), "memory cgroup of " + id + " remains");
        assertTrue(lab.pings(GuestLab.GATEWAY), "the bridge itself stays");
        assertFalse(lab.pings(address(vm)), id + " still answers pings");
    }

    private static PlannedMicroVm planned(MicroVmSpec vm) {
        return new PlannedMicroVm(vm.microVmId(), "c1", MicroVmRole.CONTROL_PLANE, HOST, 1, 256, 1, "1.31.2");
    }

    private static String address(MicroVmSpec vm) {
        String args = vm.kernelArgs();
        String ip = args.substring(args.indexOf("edgefleet.ip=") + 13);
        return ip.substring(0, ip.indexOf('/'));
    }

    private static long pid(String id) throws IOException {
        return Long.parseLong(Files.readString(config.stateDir().resolve(id).resolve("qemu.pid")).strip());
    }

    /** The CPUs the kernel lets the guest's first vCPU thread run on (named by QEMU's debug-threads). */
    private static Set<Integer> vcpuThreadCpus(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).startsWith("CPU 0/")) {
                    String allowed = Files.readAllLines(task.resolve("status")).stream()
                            .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow();
                    return CpuList.parse(allowed.substring(allowed.indexOf(':') + 1));
                }
            }
        }
        throw new AssertionError("QEMU " + pid + " has no thread named CPU 0/...");
    }

    private static long qemuProcessesOfThisLab() {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of)
                .map(args -> args.stream().anyMatch(w -> w.startsWith(config.stateDir().toString()))).orElse(false)).count();
    }
}
