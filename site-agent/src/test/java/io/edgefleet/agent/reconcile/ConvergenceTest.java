package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler's run against the simulated driver: it converges from any state, repairs drift,
 * keeps FAILED reported without recreating it, and an agent restart kills and duplicates nothing.
 */
class ConvergenceTest {
    @TempDir
    Path dir;

    final Plans.TestClock clock = new Plans.TestClock();
    final Plans.Sink sink = new Plans.Sink();

    SimulatedDriver driver(SimulatedDriverConfig config) {
        return new SimulatedDriver(Plans.inventory(), config, clock);
    }

    Convergence agent(SimulatedDriver driver) {
        return new Convergence(Plans.SITE, new Target(driver, new SimulatedClusterAccess(driver)),
                new ReconcilePlanner("/img/vmlinux", "/img/node-{version}.ext4",
                        new NfPods("edgefleet-nf", "nf/{kind}:1", "intel.com/sriov_")), sink);
    }

    static Map<String, MicroVmState> states(SimulatedDriver driver) {
        return driver.list().stream().collect(Collectors.toMap(MicroVmStatus::microVmId, MicroVmStatus::state));
    }

    @Test
    void createsEveryPlannedMicroVmAndReportsRunningAndReadyOnlyAsMeasured() {
        SimulatedDriver driver = driver(SimulatedDriverConfig.defaults().withAwaitBoot(false));
        Convergence agent = agent(driver);
        SitePlan plan = Plans.plan(1, "c1");

        Convergence.Outcome first = agent.run(plan);
        assertEquals(3, first.performed().size(), first.toString());
        assertEquals(Set.of(MicroVmState.CREATING), Set.copyOf(states(driver).values()), "booting, not yet running");
        assertEquals(Set.of(io.edgefleet.events.report.MicroVmState.CREATING),
                sink.of(MicroVmStateChanged.class).stream().map(MicroVmStateChanged::state).collect(Collectors.toSet()),
                "a booting microVM is reported CREATING, never RUNNING");
        List<ClusterBootstrapReported> clusters = sink.of(ClusterBootstrapReported.class);
        assertEquals(1, clusters.size());
        assertEquals(BootstrapState.BOOTSTRAPPING, clusters.get(0).state());
        assertEquals("0 of 3 control-plane microVMs run", clusters.get(0).reason());

        clock.advance(1_000);
        sink.clear();
        Convergence.Outcome second = agent.run(plan);
        assertTrue(second.performed().stream().allMatch(s -> s.startsWith("label and taint node c1-cp-")),
                "no microVM step: the boots finished; the nodes get their roles: " + second.performed());
        assertEquals(3, sink.of(MicroVmStateChanged.class).stream()
                .filter(r -> r.state() == io.edgefleet.events.report.MicroVmState.RUNNING).count());
        ClusterBootstrapReported ready = sink.of(ClusterBootstrapReported.class).get(0);
        assertEquals(BootstrapState.READY, ready.state());
        assertEquals(3, ready.readyNodes());
        assertEquals(1, ready.planVersion());

        sink.clear();
        Convergence.Outcome third = agent.run(plan);
        assertEquals(List.of(), third.performed());
        assertTrue(third.converged());
        assertEquals(List.of(), sink.reports, "nothing changed, nothing reported");
    }

    @Test
    void deletesWhatThePlanNoLongerHasAfterTheReplacementBoots() {
        SimulatedDriver driver = driver(SimulatedDriverConfig.defaults());
        Convergence agent = agent(driver);
        agent.run(Plans.plan(1, "c1", "c2"));
        assertEquals(6, driver.list().size());
        sink.clear();

        Convergence.Outcome outcome = agent.run(Plans.plan(2, "c2", "c3"));

        assertEquals(Set.of("c2-cp-0", "c2-cp-1", "c2-cp-2", "c3-cp-0", "c3-cp-1", "c3-cp-2"), states(driver).keySet());
        assertTrue(outcome.performed().indexOf("create microVM c3-cp-0 on h1")
                < outcome.performed().indexOf("stop microVM c1-cp-0"), outcome.performed().toString());
        assertTrue(outcome.performed().indexOf("stop microVM c1-cp-0")
                < outcome.performed().indexOf("delete microVM c1-cp-0"), outcome.performed().toString());
        List<MicroVmStateChanged> deleted = sink.of(MicroVmStateChanged.class).stream()
                .filter(r -> r.state() == io.edgefleet.events.report.MicroVmState.DELETED).toList();
        assertEquals(Set.of("c1-cp-0", "c1-cp-1", "c1-cp-2"),
                deleted.stream().map(MicroVmStateChanged::microVmId).collect(Collectors.toSet()));
        assertTrue(deleted.stream().allMatch(r -> "c1".equals(r.clusterId())), "a deleted microVM keeps its cluster");
        assertEquals(Map.of("c1-cp-0", "h1", "c1-cp-1", "h2", "c1-cp-2", "h3"), deleted.stream()
                        .collect(Collectors.toMap(MicroVmStateChanged::microVmId, MicroVmStateChanged::hostId)),
                "a deleted microVM names the host it was last measured on (the schema requires hostId)");
    }

    @Test
    void repairsDriftOnTheNextRun() {
        SimulatedDriver driver = driver(SimulatedDriverConfig.defaults());
        Convergence agent = agent(driver);
        SitePlan plan = Plans.plan(1, "c1");
        agent.run(plan);
        driver.delete("c1-cp-1"); // someone removed it behind the agent's back
        driver.create(io.edgefleet.agent.driver.MicroVmSpec.of("stray", "x", "h2", 1, 256, 1)); // and started another
        sink.clear();

        Convergence.Outcome outcome = agent.run(plan);

        assertEquals(List.of("create microVM c1-cp-1 on h2", "stop microVM stray", "delete microVM stray"),
                outcome.performed());
        assertEquals(Map.of("c1-cp-0", MicroVmState.RUNNING, "c1-cp-1", MicroVmState.RUNNING,
                "c1-cp-2", MicroVmState.RUNNING), states(driver));
    }

    @Test
    void aFailedMicroVmStaysFailedAndReportedWithItsReasonAndIsNeverDuplicated() {
        SimulatedDriver driver = driver(SimulatedDriverConfig.defaults().withFailures(Set.of("h2"), 0, Map.of(), 0));
        Convergence agent = agent(driver);
        SitePlan plan = Plans.plan(1, "c1");

        agent.run(plan);
        MicroVmStateChanged failed = sink.of(MicroVmStateChanged.class).stream()
                .filter(r -> r.microVmId().equals("c1-cp-1")).findFirst().orElseThrow();
        assertEquals(io.edgefleet.events.report.MicroVmState.FAILED, failed.state());
        assertNotEquals(null, failed.reason());
        ClusterBootstrapReported cluster = sink.of(ClusterBootstrapReported.class).get(0);
        assertEquals(BootstrapState.FAILED, cluster.state());
        assertTrue(cluster.reason().startsWith("control-plane microVM c1-cp-1 failed on h2: "), cluster.reason());

        sink.clear();
        Convergence.Outcome again = agent.run(plan);
        assertEquals(List.of(), again.performed(), "FAILED is not recreated: placement moves it");
        assertEquals(false, again.converged(), "nothing to do, yet not converged: a planned microVM is not running");
        assertEquals(List.of(), sink.reports, "the failure was reported once and is still true");
        assertEquals(3, driver.list().size(), "no duplicate");
        assertEquals(MicroVmState.FAILED, states(driver).get("c1-cp-1"));

        agent.run(plan, true); // the periodic refresh: the failure is still true, so it is said again
        assertEquals(failed.reason(), sink.of(MicroVmStateChanged.class).stream()
                .filter(r -> r.microVmId().equals("c1-cp-1")).findFirst().orElseThrow().reason());
        assertEquals(BootstrapState.FAILED, sink.of(ClusterBootstrapReported.class).get(0).state());
        assertEquals(3, sink.of(MicroVmStateChanged.class).size(), "every microVM once, nothing created");
    }

    @Test
    void anAgentRestartKillsNothingAndCreatesNoDuplicate() {
        SimulatedDriverConfig config = SimulatedDriverConfig.defaults().withStateFile(dir.resolve("vms.json"));
        SimulatedDriver before = driver(config);
        SitePlan plan = Plans.plan(1, "c1", "c2");
        agent(before).run(plan);
        List<MicroVmStatus> running = before.list();

        clock.advance(60_000);
        sink.clear();
        SimulatedDriver after = driver(config); // a new agent process: nothing in memory
        Convergence.Outcome outcome = agent(after).run(plan);

        assertEquals(List.of(), outcome.performed().stream().filter(s -> s.contains("microVM")).toList(),
                "the restarted agent adopts what runs");
        assertEquals(running, after.list(), "same microVMs, same states, same since: none was restarted");
        assertTrue(sink.of(MicroVmStateChanged.class).stream()
                        .allMatch(r -> r.state() == io.edgefleet.events.report.MicroVmState.RUNNING),
                "re-reports only what it measured: RUNNING");
        assertEquals(2, sink.of(ClusterBootstrapReported.class).stream()
                .filter(r -> r.state() == BootstrapState.READY).count());
    }

    @Test
    void workersJoinAndNetworkFunctionPodsArePlacedAndRemoved() {
        SimulatedDriver driver = driver(SimulatedDriverConfig.defaults());
        SimulatedClusterAccess clusters = new SimulatedClusterAccess(driver);
        Convergence agent = new Convergence(Plans.SITE, new Target(driver, clusters),
                new ReconcilePlanner("/k", "/r", new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_")), sink);
        List<PlannedMicroVm> cps = Plans.controlPlane("c1", 3);
        SitePlan withNf = new SitePlan(Plans.SITE, 1, null, cps, List.of(Plans.cluster("c1", cps, List.of("bm1"))),
                List.of(Plans.upf("upf-1", "c1")));

        Convergence.Outcome first = agent.run(withNf);
        assertTrue(first.performed().contains("let workers join cluster c1"), first.performed().toString());
        assertTrue(first.performed().contains("place pod upf-1-0 of network function upf-1 on bm1"),
                first.performed().toString());
        Convergence.Outcome joined = agent.run(withNf);
        assertEquals(List.of("label and taint node bm1 of cluster c1"), joined.performed(), "the worker joined since");
        var state = clusters.observe(withNf.clusters().get(0));
        assertEquals(4, state.nodes().size(), "3 control planes and the bare-metal worker");
        assertEquals("Running", state.pod("upf-1-0").orElseThrow().phase());
        assertEquals("true", state.node("bm1").orElseThrow().labels().get("edgefleet.io/network-functions"));
        List<ClusterBootstrapReported> reports = sink.of(ClusterBootstrapReported.class);
        assertEquals(List.of(4), reports.stream().map(ClusterBootstrapReported::readyNodes).toList(),
                "READY once, with the 3 control planes and the worker (it joined in the same run)");

        SitePlan withoutNf = new SitePlan(Plans.SITE, 2, null, cps, withNf.clusters(), List.of());
        Convergence.Outcome second = agent.run(withoutNf);
        assertEquals(List.of("remove pod upf-1-0 from cluster c1"), second.performed());
        assertEquals(List.of(), agent.run(withoutNf).performed(), "converged");
    }
}
