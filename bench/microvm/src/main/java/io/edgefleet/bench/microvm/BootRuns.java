package io.edgefleet.bench.microvm;

import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.reconcile.Convergence;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runs of one invocation: each publishes a plan of N microVMs to the agent's reconcile, waits for
 * every guest's ready line, samples each VMM's memory, then a plan with none removes them through the
 * same reconcile. Prints one line per microVM, one per run, and the summary.
 */
final class BootRuns {
    private final MicroVmBootMain.Holder held;
    private final int vms;
    private final int runs;
    private final int bootTimeoutSeconds;
    private final String accel;
    private final int reservedCores;
    private final int online;

    static final int WARMUP_RUNS = 1;
    private boolean counted;

    /** As the agent's default {@code edgefleet.agent.parallel-creates}. */
    static final int PARALLEL_CREATES = 4;

    private final List<Double> agentMs = new ArrayList<>();
    private final List<Double> vmmStartMs = new ArrayList<>();
    private final List<Double> guestMs = new ArrayList<>();
    private final List<Double> overheadMib = new ArrayList<>();
    private final List<Double> rssMib = new ArrayList<>();
    private final List<Double> guestRamMib = new ArrayList<>();
    private double cpuMsTotal;
    private double threadMsTotal;
    private double childrenMsTotal;

    BootRuns(MicroVmBootMain.Holder held, int vms, int runs, int bootTimeoutSeconds, String accel, int reservedCores, int online) {
        this.held = held;
        this.vms = vms;
        this.runs = runs;
        this.bootTimeoutSeconds = bootTimeoutSeconds;
        this.accel = accel;
        this.reservedCores = reservedCores;
        this.online = online;
    }

    /** Runs everything; 0 when every run converged and every guest booted, 1 otherwise. */
    int run() throws IOException, InterruptedException {
        BootLab lab = held.lab;
        TimedDriver driver = new TimedDriver(MicroVmBootMain.driver(lab, accel, reservedCores, online));
        held.driver = driver;
        driver.keepMicroVmsOff(MicroVmBootMain.HOST, reservedCores, Set.of());
        ExecutorService creates = Executors.newFixedThreadPool(PARALLEL_CREATES, r -> {
            Thread t = new Thread(r, "create");
            t.setDaemon(true);
            return t;
        });
        Convergence agent = MicroVmBootMain.agent(lab, driver, reservedCores, online, creates);
        long tick = AgentCpu.tickNanos();
        System.out.printf("%d runs of %d microVMs (1 vCPU, %d MiB, 1 GiB disk, a tap on bridge %s), accel %s, %s%n",
                runs, vms, MicroVmBootMain.GUEST_MIB, BootLab.BRIDGE, accel, driver.isolation(MicroVmBootMain.HOST));
        System.out.println("the agent's reconcile creates up to " + PARALLEL_CREATES + " microVMs of a plan at once (as the agent"
                + " does by default); agent part = plan received -> VMM process spawned inside its cgroup with its disk and tap"
                + " (QEMU's whole configuration is its command line); guest boot = spawned -> ready line on the console"
                + " (QEMU's own start-up, until QMP answers, is shown apart and counted in the guest boot)");
        try (ConsoleWatch watch = new ConsoleWatch()) {
            // Warm-up runs first: the agent is a long-lived process, and its first creates after start load
            // classes and compile; they are printed, not counted (as the other benches warm up).
            for (int r = 1; r <= WARMUP_RUNS + runs; r++) {
                counted = r > WARMUP_RUNS;
                if (!counted) {
                    System.out.println("warm-up run (printed, not counted):");
                }
                if (!oneRun(r, agent, driver, watch, tick)) {
                    return 1;
                }
            }
        }
        summarize();
        return 0;
    }

    private boolean oneRun(int r, Convergence agent, TimedDriver driver, ConsoleWatch watch, long tick)
            throws IOException, InterruptedException {
        SitePlan plan = MicroVmBootMain.plan(2L * r - 1, r, vms);
        driver.forget();
        watch.forget();
        for (PlannedMicroVm vm : plan.microVms()) {
            watch.watch(vm.microVmId(), held.lab.stateDir().resolve(vm.microVmId()).resolve("console.log"));
        }
        long watchCpu0 = watch.cpuNanos();
        AgentCpu cpu0 = AgentCpu.now(tick);
        long received = System.nanoTime();
        double receivedUptime = TimedDriver.uptimeSeconds();
        Convergence.Outcome outcome = agent.run(plan);
        long reconciled = System.nanoTime();
        // A create whose VMM had not answered yet when its step verified is not converged; the agent measures
        // again on its next run (every reconcile-interval), and so does the bench, right away.
        for (int again = 1; !outcome.converged() && again <= 5; again++) {
            System.out.println("run " + r + ": not converged yet " + outcome.notConverged() + ", reconciling again (" + again + ")");
            Thread.sleep(500);
            outcome = agent.run(plan);
        }
        AgentCpu cpu = AgentCpu.now(tick).minus(cpu0);
        long watchCpu = watch.cpuNanos() - watchCpu0;
        if (!outcome.converged()) {
            System.out.println("run " + r + ": the plan did not converge: " + outcome.notConverged() + "; measured "
                    + driver.list().stream().map(s -> s.microVmId() + "=" + s.state() + " " + s.reason()).toList());
            return false;
        }
        if (!awaitReady(plan, watch)) {
            return false;
        }
        double agentCpuMs = (cpu.ownNanos() + cpu.childrenNanos() - watchCpu) / 1e6;
        if (counted) {
            cpuMsTotal += agentCpuMs;
            threadMsTotal += cpu.threadNanos() / 1e6;
            childrenMsTotal += cpu.childrenNanos() / 1e6;
        }
        List<Double> runAgent = new ArrayList<>();
        List<Double> runGuest = new ArrayList<>();
        for (PlannedMicroVm vm : plan.microVms()) {
            String id = vm.microVmId();
            TimedDriver.Create create = driver.createOf(id);
            long pid = pid(id);
            VmmMemory mem = VmmMemory.of(pid, MicroVmBootMain.GUEST_MIB);
            // When the VMM's process was spawned (its start time in /proc, one clock tick of resolution, on the
            // same clock as /proc/uptime): before it the agent planned and made the disk, tap and cgroup; after
            // it QEMU came up (QMP answering) and the guest booted.
            double spawned = startedSeconds(pid, tick);
            double agentPart = (spawned - receivedUptime) * 1000;
            double own = (create.returnedNanos() - create.startedNanos()) / 1e6;
            double prepare = (spawned - create.startedUptimeSeconds()) * 1000;
            double guest = (watch.readyNanos(id) - create.returnedNanos()) / 1e6 + (own - prepare);
            runAgent.add(agentPart);
            runGuest.add(guest);
            if (counted) {
                agentMs.add(agentPart);
                vmmStartMs.add(own - prepare);
                guestMs.add(guest);
                rssMib.add(mem.rssKib() / 1024.0);
                guestRamMib.add(mem.guestRamKib() / 1024.0);
                overheadMib.add(mem.overheadKib() / 1024.0);
            }
            System.out.printf("  %s: agent %.0f ms (its create step: disk, tap, cgroup until the VMM was spawned %.0f ms;"
                            + " QEMU then answered QMP after %.0f ms), guest boot %.0f ms (incl. that); QEMU rss %.0f MiB,"
                            + " guest RAM touched %.0f MiB, beyond the guest %.0f MiB%n", id, agentPart, prepare, own - prepare, guest,
                    mem.rssKib() / 1024.0, mem.guestRamKib() / 1024.0, mem.overheadKib() / 1024.0);
        }
        System.out.printf("run %d: reconcile %.0f ms, agent part p50 %.0f / max %.0f ms, guest boot p50 %.0f / max %.0f ms,"
                        + " agent CPU %.0f ms (JVM %.0f incl. reconcile thread %.0f, helper processes %.0f; console watch %.0f left out),"
                        + " load %s%n", r, (reconciled - received) / 1e6, pct(runAgent, 50), pct(runAgent, 100),
                pct(runGuest, 50), pct(runGuest, 100), agentCpuMs, (cpu.ownNanos() - watchCpu) / 1e6, cpu.threadNanos() / 1e6,
                cpu.childrenNanos() / 1e6, watchCpu / 1e6, loadAverage());
        Convergence.Outcome removed = agent.run(MicroVmBootMain.empty(2L * r));
        List<MicroVmStatus> left = driver.list();
        if (!left.isEmpty() || !removed.notConverged().isEmpty()) {
            System.out.println("run " + r + ": removing the microVMs left " + left + ", not converged: " + removed.notConverged());
            return false;
        }
        return true;
    }

    private boolean awaitReady(SitePlan plan, ConsoleWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + bootTimeoutSeconds * 1_000_000_000L;
        for (PlannedMicroVm vm : plan.microVms()) {
            while (watch.readyNanos(vm.microVmId()) == 0) {
                if (System.nanoTime() > deadline) {
                    Path console = held.lab.stateDir().resolve(vm.microVmId()).resolve("console.log");
                    System.out.println("guest " + vm.microVmId() + " printed no ready line within " + bootTimeoutSeconds
                            + " s; its console ends:\n" + MicroVmBootMain.consoleTail(console));
                    return false;
                }
                Thread.sleep(50);
            }
        }
        return true;
    }

    private void summarize() {
        int n = agentMs.size();
        double cpuPerVm = cpuMsTotal / (runs * (double) vms);
        double overhead = overheadMib.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("all %d microVMs: agent part p50 %.0f / p99 %.0f ms (then QEMU's start-up until QMP answered p50 %.0f / p99 %.0f ms),"
                        + " guest boot p50 %.0f / p99 %.0f ms%n", n, pct(agentMs, 50), pct(agentMs, 99),
                pct(vmmStartMs, 50), pct(vmmStartMs, 99), pct(guestMs, 50), pct(guestMs, 99));
        System.out.printf("agent CPU per microVM %.1f ms (JVM process CPU from /proc/self/stat, all threads, plus its reaped"
                        + " helper processes %.1f ms, over the reconcile runs, / N; reconcile thread alone %.1f ms)%n",
                cpuPerVm, childrenMsTotal / (runs * (double) vms), threadMsTotal / (runs * (double) vms));
        System.out.printf("memory per microVM: QEMU rss mean %.0f MiB = guest RAM touched %.0f MiB + beyond the guest %.0f MiB"
                        + " (max %.0f)%n", mean(rssMib), mean(guestRamMib), overhead,
                overheadMib.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        System.out.printf("vms=%d agent_p99_ms=%d guest_boot_p99_ms=%d agent_cpu_ms_per_vm=%d overhead_mib_per_vm=%d%n",
                vms, Math.round(pct(agentMs, 99)), Math.round(pct(guestMs, 99)), Math.round(cpuPerVm), Math.round(overhead));
    }

    /** A process's start, in seconds since boot (field 22 of /proc/<pid>/stat, in clock ticks). */
    private static double startedSeconds(long pid, long tickNanos) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[19]) * tickNanos / 1e9;
    }

    private long pid(String id) throws IOException {
        return Long.parseLong(Files.readString(held.lab.stateDir().resolve(id).resolve("qemu.pid")).strip());
    }

    /** Nearest-rank percentile. */
    static double pct(List<Double> values, int p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static String loadAverage() {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).limit(1).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
