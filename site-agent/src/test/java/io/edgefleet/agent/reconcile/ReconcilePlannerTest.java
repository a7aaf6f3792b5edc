package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.EtcdState;
import io.edgefleet.agent.cluster.NfNetworkState;
import io.edgefleet.agent.cluster.NfNetworks;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.NodeState;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.events.plan.SitePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure planner: desired against measured gives a flat chain of named steps. */
class ReconcilePlannerTest {
    final ReconcilePlanner planner = new ReconcilePlanner("/k", "/img/node-{version}.ext4",
            new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_"));

    static MicroVmStatus vm(String id, MicroVmState state) {
        return new MicroVmStatus(id, "h1", state, "", Instant.EPOCH);
    }

    static List<String> names(List<Step> steps) {
        return steps.stream().map(Step::describe).toList();
    }

    @Test
    void createsTheMissingAndNothingElse() {
        SitePlan plan = Plans.plan(1, "c1");
        assertEquals(List.of("create microVM c1-cp-1 on h2"),
                names(planner.steps(plan, List.of(vm("c1-cp-0", MicroVmState.RUNNING),
                        vm("c1-cp-2", MicroVmState.CREATING)))));
    }

    @Test
    void neverRecreatesAFailedMicroVmNorTouchesOneThatCouldNotBeMeasured() {
        SitePlan plan = Plans.plan(1, "c1");
        List<MicroVmStatus> actual = List.of(vm("c1-cp-0", MicroVmState.FAILED), vm("c1-cp-1", MicroVmState.UNKNOWN),
                vm("c1-cp-2", MicroVmState.RUNNING), vm("old", MicroVmState.UNKNOWN));
        assertEquals(List.of(), names(planner.steps(plan, actual)));
    }

    @Test
    void createsComeBeforeStopsAndDeletes() {
        List<Step> steps = planner.steps(Plans.plan(2, "c2"), List.of(vm("c1-cp-0", MicroVmState.RUNNING)));
        assertEquals(List.of("create microVM c2-cp-0 on h1", "create microVM c2-cp-1 on h2", "create microVM c2-cp-2 on h3",
                "stop microVM c1-cp-0", "delete microVM c1-cp-0"), names(steps));
    }

    @Test
    void theKernelCommandLineTellsEachMicroVmItsBootstrapRole() {
        SitePlan plan = Plans.plan(1, "c1");
        assertTrue(planner.spec(plan, plan.microVms().get(0)).kernelArgs().contains("edgefleet.cluster=c1 edgefleet.role=init "));
        assertTrue(planner.spec(plan, plan.microVms().get(1)).kernelArgs().contains("edgefleet.role=control-plane "));
        assertEquals("/img/node-1.31.2.ext4", planner.spec(plan, plan.microVms().get(0)).baseImage());
    }

    @Test
    void clusterStepsOnlyOnceTheApiServerAnswers() {
        SitePlan plan = new SitePlan(Plans.SITE, 1, null, Plans.controlPlane("c1", 3),
                List.of(Plans.cluster("c1", Plans.controlPlane("c1", 3), List.of("bm1"))),
                List.of(Plans.upf("upf-1", "c1")));
        List<MicroVmStatus> running = plan.microVms().stream().map(v -> vm(v.microVmId(), MicroVmState.RUNNING)).toList();

        assertEquals(List.of(), names(planner.steps(plan, running,
                Map.of("c1", ClusterState.unreachable("c1", null, "not yet")))));

        ClusterState up = new ClusterState("c1", "https://c1:6443", true, "", List.of(
                new NodeState("c1-cp-0", true, Map.of(), List.of())), List.of(), false);
        assertEquals(List.of("let workers join cluster c1", "label and taint node c1-cp-0 of cluster c1",
                "make namespace nf-team-a in cluster c1", "write network attachments nf-team-a/sriov-physnet-a in cluster c1",
                "place pod upf-1-0 of network function upf-1 on bm1"), names(planner.steps(plan, running, Map.of("c1", up))),
                "the pod after its namespace and network attachments");

        NfPods naming = new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_");
        List<NfNetworkState> written = new NfNetworks(naming, Map.of()).of(plan.clusters().get(0), plan.networkFunctions())
                .stream().map(n -> new NfNetworkState(n.namespace(), n.name(), n.specHash())).toList();
        ClusterState prepared = new ClusterState("c1", "https://c1:6443", true, "", up.nodes(), List.of(), false,
                EtcdState.NOT_MEASURED, Set.of("nf-team-a"), written);
        assertEquals(List.of("let workers join cluster c1", "label and taint node c1-cp-0 of cluster c1",
                "place pod upf-1-0 of network function upf-1 on bm1"),
                names(planner.steps(plan, running, Map.of("c1", prepared))), "what is measured present is not made again");
    }

    @Test
    void microVmCoresStayOffTheSystemReserveAndEveryCorePinnedOnTheirHost() {
        SitePlan base = Plans.plan(1, "c1");
        // A UPF pinned on h2 (where c1-cp-1 runs) and one on a host without microVMs.
        SitePlan plan = new SitePlan(base.siteId(), 2, base.generatedAt(), base.microVms(), base.clusters(), List.of(
                new PlannedNetworkFunction("upf-1", "c1", NetworkFunctionKind.UPF, List.of(
                        new PlannedNfReplica(0, "h2", 0, List.of(4, 5), 1, 1024, Map.of()),
                        new PlannedNfReplica(1, "bm1", 0, List.of(8), 1, 1024, Map.of())))));
        ReconcilePlanner reserving = new ReconcilePlanner("/k", "/r", new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_"),
                Map.of("h1", 2, "h2", 2, "h3", 1));
        assertEquals(List.of(new KeepMicroVmsOffCores("h1", 2, Set.of()), new KeepMicroVmsOffCores("h2", 2, Set.of(4, 5)),
                new KeepMicroVmsOffCores("h3", 1, Set.of())), reserving.confinements(plan));
    }
}
