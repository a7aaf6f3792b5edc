package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.NodeRoles;
import io.edgefleet.agent.cluster.NodeState;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.events.report.NetworkFunctionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent reports how a network function's pods are doing, as its cluster measures them, once per change:
 * DEPLOYING with the scheduler's reason while its host is not a node of the cluster, RUNNING once it is.
 */
class NfReportsConvergenceTest {
    final Plans.TestClock clock = new Plans.TestClock();
    final Plans.Sink sink = new Plans.Sink();
    final SimulatedDriver driver = new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults(), clock);
    final SimulatedClusterAccess access = new SimulatedClusterAccess(driver);
    final Convergence agent = new Convergence(Plans.SITE, new Target(driver, access),
            new ReconcilePlanner("/k", "/r", new NfPods("nf", "nf/{kind}:1", "intel.com")), sink);
    final List<PlannedMicroVm> cps = Plans.controlPlane("c1", 3);

    SitePlan plan(long version, List<String> workerHosts) {
        return new SitePlan(Plans.SITE, version, null, cps, List.of(Plans.cluster("c1", cps, workerHosts)),
                List.of(Plans.upf("upf-1", "c1")));
    }

    @Test
    void deployingWithTheSchedulersReasonUntilTheHostIsANodeThenRunningEachReportedOnce() {
        SitePlan hostNotANode = plan(1, List.of());
        agent.run(hostNotANode);
        agent.run(hostNotANode);
        List<NetworkFunctionReported> reports = sink.of(NetworkFunctionReported.class);
        assertEquals(1, reports.size(), "reported once, not on every run: " + reports);
        NetworkFunctionReported deploying = reports.get(0);
        assertEquals(NetworkFunctionState.DEPLOYING, deploying.state());
        assertEquals(0, deploying.runningReplicas());
        assertEquals(1, deploying.replicas());
        assertEquals("upf-1-0: Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node "
                + "affinity/selector.", deploying.reason());
        assertEquals("c1", deploying.clusterId());
        assertEquals(1, deploying.planVersion());

        SitePlan hostIsAWorker = plan(2, List.of("bm1"));
        agent.run(hostIsAWorker);
        agent.run(hostIsAWorker);
        reports = sink.of(NetworkFunctionReported.class);
        assertEquals(2, reports.size(), "one more report for the change, none for the run after: " + reports);
        NetworkFunctionReported running = reports.get(1);
        assertEquals(NetworkFunctionState.RUNNING, running.state());
        assertEquals(1, running.runningReplicas());
        assertNull(running.reason());
        assertEquals(2, running.planVersion());
    }

    @Test
    void aHostThatRunsTheClustersNfsJoinsItWithTheNfOnlyTaintAndTheNfRuns() {
        PlannedCluster c1 = Plans.cluster("c1", cps, List.of());
        PlannedCluster withNfHost = new PlannedCluster("c1", c1.team(), c1.kubernetesVersion(),
                c1.controlPlaneMicroVmIds(), List.of(), List.of(), null, null, List.of("bm1"));
        SitePlan plan = new SitePlan(Plans.SITE, 1, null, cps, List.of(withNfHost), List.of(Plans.upf("upf-1", "c1")));

        agent.run(plan);
        agent.run(plan);

        List<NetworkFunctionReported> reports = sink.of(NetworkFunctionReported.class);
        assertEquals(NetworkFunctionState.RUNNING, reports.get(reports.size() - 1).state(), reports.toString());
        NodeState bm1 = access.observe(withNfHost).node("bm1").orElseThrow();
        assertTrue(bm1.taints().contains(NodeRoles.NF_ONLY_TAINT), bm1.toString());
        assertEquals("true", bm1.labels().get(NodeRoles.NF_HOST));
        assertFalse(bm1.labels().containsKey(NodeRoles.WORKER_ROLE), "an NF host is no general worker");
    }

    @Test
    void theRefreshReportsAnUnchangedNetworkFunctionAgain() {
        SitePlan plan = plan(1, List.of("bm1"));
        agent.run(plan);
        agent.run(plan);
        int before = sink.of(NetworkFunctionReported.class).size();
        agent.run(plan, true);
        List<NetworkFunctionReported> reports = sink.of(NetworkFunctionReported.class);
        assertEquals(before + 1, reports.size(), reports.toString());
        assertEquals(NetworkFunctionState.RUNNING, reports.get(reports.size() - 1).state());
    }

    @Test
    void noReportWhileTheClusterHasNoApiServer() {
        SitePlan noControlPlane = new SitePlan(Plans.SITE, 1, null, List.of(),
                List.of(Plans.cluster("c1", cps, List.of("bm1"))), List.of(Plans.upf("upf-1", "c1")));
        agent.run(noControlPlane);
        assertTrue(sink.of(NetworkFunctionReported.class).isEmpty(), sink.reports.toString());
    }
}
