package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner boots a microVM with the seed its bootstrap gives, never boots one whose bootstrap waits (it says
 * what it waits on instead), and the kernel's role follows the plan's init replica, not the list order.
 */
class BootstrapPlanningTest {
    static final NfPods PODS = new NfPods("edgefleet-nf", "nf/{kind}", "intel.com/sriov_");

    static ReconcilePlanner planner(NodeBootstraps bootstraps) {
        return new ReconcilePlanner("/k", "/img/node-{version}.ext4", PODS, Map.of(), bootstraps);
    }

    @Test
    void aSeededMicroVmBootsWithItsSeed() {
        GuestSeed seed = new GuestSeed("instance-id: x\n", "#cloud-config\n", "version: 2\n");
        List<Step> steps = planner((plan, vm) -> NodeBootstraps.Bootstrap.seed(seed)).creates(Plans.plan(1, "c1"), List.of());
        assertEquals(3, steps.size());
        steps.forEach(s -> assertSame(seed, ((CreateMicroVm) s).spec().seed()));
    }

    @Test
    void aWaitingMicroVmIsNotCreatedAndTheRunSaysWhy() {
        List<Step> steps = planner((plan, vm) -> vm.microVmId().endsWith("-0")
                ? NodeBootstraps.Bootstrap.waiting("the secrets of cluster c1 have not arrived")
                : NodeBootstraps.Bootstrap.none()).creates(Plans.plan(1, "c1"), List.of());
        assertTrue(steps.get(0) instanceof AwaitBootstrap, steps.toString());
        assertEquals("wait to create microVM c1-cp-0 on h1: the secrets of cluster c1 have not arrived",
                steps.get(0).describe());
        assertNull(((CreateMicroVm) steps.get(1)).spec().seed());
    }

    @Test
    void theKernelRoleFollowsTheNamedInitReplica() {
        SitePlan plain = Plans.plan(1, "c1");
        PlannedCluster c = plain.clusters().get(0);
        PlannedCluster named = new PlannedCluster(c.clusterId(), c.team(), c.kubernetesVersion(),
                c.controlPlaneMicroVmIds(), c.workerMicroVmIds(), c.workerHostIds(), null, "c1-cp-2");
        SitePlan plan = new SitePlan(plain.siteId(), 2, plain.generatedAt(), plain.microVms(), List.of(named), List.of());
        ReconcilePlanner planner = planner(NodeBootstraps.NONE);
        assertTrue(planner.spec(plan, plan.microVms().get(2)).kernelArgs().contains("edgefleet.role=init"));
        assertTrue(planner.spec(plan, plan.microVms().get(0)).kernelArgs().contains("edgefleet.role=control-plane"));
    }
}
