package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.ClusterEtcd;
import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.EtcdState;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.NodeState;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * READY means etcd has the planned members too: with every control-plane node Ready but etcd short of a
 * member (or holding a learner, or the member of a replica that is gone), the cluster stays BOOTSTRAPPING with
 * what etcd has, and the run takes a membership step; once etcd matches the plan, the cluster is READY.
 */
class MembershipConvergenceTest {
    final Plans.TestClock clock = new Plans.TestClock();
    final Plans.Sink sink = new Plans.Sink();

    /** An etcd whose membership the test sets; each reconcile call is recorded and moves it to the plan. */
    static final class ScriptedEtcd implements ClusterEtcd {
        EtcdState now = EtcdState.NOT_MEASURED;
        boolean repairs = true;
        final List<String> calls = new ArrayList<>();

        @Override
        public EtcdState observe(SitePlan plan, PlannedCluster cluster) {
            return now;
        }

        @Override
        public String reconcile(SitePlan plan, PlannedCluster cluster, java.util.Set<String> registeredNodes) {
            calls.add(cluster.clusterId());
            if (!repairs) {
                return "learner c1-cp-2 is not caught up yet";
            }
            now = new EtcdState(true, cluster.controlPlaneMicroVmIds(), List.of(), null);
            return "removed the member of a replica that is gone";
        }
    }

    @Test
    void notReadyUntilEtcdHasExactlyThePlannedMembers() {
        SimulatedDriver driver = new SimulatedDriver(Plans.inventory(),
                SimulatedDriverConfig.defaults().withAwaitBoot(false), clock);
        ScriptedEtcd etcd = new ScriptedEtcd();
        Convergence agent = new Convergence(Plans.SITE, new Target(driver, new SimulatedClusterAccess(driver), etcd),
                new ReconcilePlanner("/k", "/img/node-{version}.ext4", new NfPods("edgefleet-nf", "nf/{kind}:1", "intel.com/sriov_")),
                sink);
        SitePlan plan = Plans.plan(1, "c1");
        agent.run(plan);
        clock.advance(1_000);
        // The replaced replica c1-cp-9 still votes, and the new c1-cp-2 is only a learner.
        etcd.now = new EtcdState(true, List.of("c1-cp-0", "c1-cp-1", "c1-cp-9"), List.of("c1-cp-2"), null);
        sink.clear();
        Convergence.Outcome run = agent.run(plan);

        assertEquals(List.of("c1"), etcd.calls, "one membership step for the cluster: " + run.performed());
        assertTrue(run.performed().contains("reconcile etcd members of cluster c1"), run.toString());
        ClusterBootstrapReported report = sink.of(ClusterBootstrapReported.class).get(0);
        assertEquals(BootstrapState.READY, report.state(), "the step made etcd match before the report was measured");

        etcd.repairs = false;
        etcd.now = EtcdState.unreachable("no member answered at https://10.0.0.5:2379");
        sink.clear();
        agent.run(plan, true);
        ClusterBootstrapReported down = sink.of(ClusterBootstrapReported.class).get(0);
        assertEquals(BootstrapState.BOOTSTRAPPING, down.state());
        assertEquals("etcd: no member answered at https://10.0.0.5:2379", down.reason());

        etcd.now = new EtcdState(true, List.of("c1-cp-0", "c1-cp-1"), List.of("c1-cp-2"), null);
        sink.clear();
        Convergence.Outcome notYet = agent.run(plan, true);
        assertTrue(notYet.notConverged().contains("reconcile etcd members of cluster c1"), notYet.toString());
        assertEquals("etcd has 2 voting members of 3 planned and 1 learners",
                sink.of(ClusterBootstrapReported.class).get(0).reason());
    }

    @Test
    void theNodeOfAReplicaThatIsGoneIsDeletedOnlyOnceItsSuccessorIsReady() {
        ReconcilePlanner planner = new ReconcilePlanner("/k", "/img/node-{version}.ext4",
                new NfPods("edgefleet-nf", "nf/{kind}:1", "intel.com/sriov_"));
        SitePlan plan = Plans.plan(1, "c1");
        EtcdState matching = new EtcdState(true, List.of("c1-cp-0", "c1-cp-1", "c1-cp-2"), List.of(), null);
        ClusterState successorUp = new ClusterState("c1", "https://10.0.0.9:6443", true, "", List.of(
                node("c1-cp-0", true), node("c1-cp-1", true), node("c1-cp-2", true), node("c1-cp-9", false)),
                List.of(), true, matching);
        assertEquals(List.of("delete node c1-cp-9 of cluster c1 (its replica is gone)"), planner.clusterSteps(plan,
                Map.of("c1", successorUp)).stream().map(Step::describe).filter(d -> d.startsWith("delete")).toList());

        ClusterState successorBooting = new ClusterState("c1", "https://10.0.0.9:6443", true, "", List.of(
                node("c1-cp-0", true), node("c1-cp-1", true), node("c1-cp-2", false), node("c1-cp-9", false)),
                List.of(), true, matching);
        assertTrue(planner.clusterSteps(plan, Map.of("c1", successorBooting)).stream()
                .noneMatch(s -> s.describe().startsWith("delete")), "make before break: the successor is not Ready yet");
    }

    static NodeState node(String name, boolean ready) {
        return new NodeState(name, ready, Map.of(), List.of());
    }
}
