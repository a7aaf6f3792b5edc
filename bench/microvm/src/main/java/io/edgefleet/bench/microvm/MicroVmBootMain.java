package io.edgefleet.bench.microvm;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.host.MicroVmCores;
import io.edgefleet.agent.driver.qemu.QemuDrivers;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.agent.reconcile.Convergence;
import io.edgefleet.agent.reconcile.HostScope;
import io.edgefleet.agent.reconcile.ReconcilePlanner;
import io.edgefleet.agent.reconcile.Target;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.plan.SitePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench/microvm-boot}: N real microVMs planned at once on one host and converged by the agent's
 * own reconcile ({@link Convergence} with the {@link ReconcilePlanner} and the QEMU driver, wired as a
 * host agent wires them), R times. Splits plan-to-userspace into the agent's part and the guest's boot,
 * and measures the agent's CPU and the host memory per microVM beyond the guest's own. See bench/README.md.
 */
public final class MicroVmBootMain {
    static final String SITE = "bench-site";
    static final String HOST = "h1";
    static final int GUEST_MIB = 256;

    private MicroVmBootMain() {
    }

    public static void main(String[] args) throws Exception {
        int vms = 4;
        int runs = 3;
        int bootTimeoutSeconds = 180;
        Integer reserved = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--vms" -> vms = positive(args, ++i);
                case "--runs" -> runs = positive(args, ++i);
                case "--boot-timeout-s" -> bootTimeoutSeconds = positive(args, ++i);
                case "--reserved-cores" -> reserved = Integer.parseInt(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: bench/microvm-boot [--vms N] [--runs R] [--reserved-cores C] [--boot-timeout-s S]");
            }
        }
        if (vms > 180) {
            throw new IllegalArgumentException("--vms " + vms + ": at most 180 (one address each in " + BootLab.SUBNET + ")");
        }
        Path repo = Path.of(System.getProperty("edgefleet.repo", ".")).toAbsolutePath().normalize();
        Path work = repo.resolve("bench/microvm/target/run-" + ProcessHandle.current().pid());
        String accel = System.getenv().getOrDefault("EDGEFLEET_QEMU_ACCEL", "tcg");
        int online = MicroVmCores.online().size();
        int reservedCores = reserved != null ? reserved : online > 1 ? 1 : 0;

        Holder held = new Holder();
        Thread hook = new Thread(held::cleanUp, "clean-up");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            held.lab = new BootLab(repo, work);
            status = new BootRuns(held, vms, runs, bootTimeoutSeconds, accel, reservedCores, online).run();
        } finally {
            held.cleanUp();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        System.exit(status);
    }

    /** What must be removed at the end, whatever happened: VMs through the driver's delete, then the lab. */
    static final class Holder {
        volatile BootLab lab;
        volatile MicroVmDriver driver;
        private final AtomicBoolean done = new AtomicBoolean();

        void cleanUp() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (driver != null) {
                for (MicroVmStatus vm : driver.list()) {
                    try {
                        driver.delete(vm.microVmId());
                    } catch (RuntimeException e) {
                        System.err.println("could not delete " + vm.microVmId() + ": " + e.getMessage());
                    }
                }
            }
            if (lab != null) {
                lab.close();
            }
        }
    }

    /** The agent of host h1 of a one-host site, wired as a host agent with the QEMU driver is. */
    /** The agent's reconcile as a host agent wires it, creates on a pool of {@code parallelCreates} (the agent's default: 4). */
    static Convergence agent(BootLab lab, MicroVmDriver driver, int reservedCores, int online, Executor creates) {
        return new Convergence(SITE, HostScope.host(HOST, inventory(reservedCores, online), "the bench's site"),
                new Target(driver, new SimulatedClusterAccess(driver)),
                new ReconcilePlanner(lab.guestDir.resolve("vmlinuz").toString(), lab.baseImageDigest,
                        new NfPods("edgefleet-nf", "nf/{kind}:1", "intel.com/sriov_"), Map.of(HOST, reservedCores)),
                report -> { }).createsOn(creates);
    }

    static SiteInventory inventory(int reservedCores, int online) {
        return new SiteInventory(SITE, "bench", List.of(new Host(HOST, "rack-a", HostState.READY, Set.of("microvm"), 1.0,
                new ReservedShare(reservedCores, 0), 100, List.of(new NumaNode(0, online, 8192, 0, Map.of())))));
    }

    static MicroVmDriver driver(BootLab lab, String accel, int reservedCores, int online) {
        return QemuDrivers.forAgent(lab.driverProperties(HOST, accel), true, inventory(reservedCores, online));
    }

    /** The plan of one run: {@code n} microVMs of 1 vCPU, 256 MiB and a 1 GiB disk on h1, each with an address. */
    static SitePlan plan(long version, int run, int n) {
        List<PlannedMicroVm> vms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ip = BootLab.ADDRESS_PREFIX + (10 + i);
            vms.add(new PlannedMicroVm("boot-r" + run + "-" + i, "bench", MicroVmRole.WORKER, HOST, 1, GUEST_MIB, 1,
                    "1.31.2", ip, Ipv4.macFor(ip)));
        }
        return new SitePlan(SITE, version, Instant.now(), vms, List.of(), List.of(), HOST, network());
    }

    /** The same site with nothing planned: the agent stops and deletes every microVM of the run. */
    static SitePlan empty(long version) {
        return new SitePlan(SITE, version, Instant.now(), List.of(), List.of(), List.of(), HOST, network());
    }

    static SiteNetwork network() {
        return new SiteNetwork(BootLab.SUBNET, BootLab.GATEWAY, BootLab.ADDRESS_PREFIX + "10",
                BootLab.ADDRESS_PREFIX + "200", BootLab.BRIDGE, null, null);
    }

    static String consoleTail(Path console) {
        try {
            List<String> lines = Files.readAllLines(console, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (java.io.IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    private static int positive(String[] args, int i) {
        int v = Integer.parseInt(value(args, i));
        if (v < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least 1, got " + v);
        }
        return v;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
