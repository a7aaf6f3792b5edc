package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A planned network function becomes one pod per replica, each sized exactly as the plan reserved. */
class NfPodsTest {
    final NfPods pods = new NfPods("nf", "registry/{kind}:2", "openshift.io");
    static final PlannedCluster C1 = new PlannedCluster("c1", "Team_A", "1.31.2", List.of("c1-cp-0"), List.of(),
            List.of("bm1", "bm2"));

    static PlannedNetworkFunction du(List<Integer> cores, Map<String, Integer> vfs) {
        return new PlannedNetworkFunction("DU_East", "c1", NetworkFunctionKind.DU, List.of(
                new PlannedNfReplica(0, "bm1", 1, cores, 4, 8192, vfs),
                new PlannedNfReplica(1, "bm2", 0, cores, 4, 8192, vfs)));
    }

    @Test
    void onePodPerReplicaOnItsHostWithWholeCpusPerPinnedCore() {
        List<NfPod> out = pods.of(C1, du(List.of(2, 3, 4), Map.of("physnet-b", 1, "physnet-a", 2, "physnet-c", 0)));

        assertEquals(List.of("du-east-0", "du-east-1"), out.stream().map(NfPod::name).toList(), "DNS-1123 names");
        assertEquals(List.of("bm1", "bm2"), out.stream().map(NfPod::nodeName).toList());
        NfPod first = out.get(0);
        assertEquals(3, first.cpus());
        assertEquals(4, first.hugepages1Gi());
        assertEquals("registry/du:2", first.image());
        assertEquals(Map.of("openshift.io/sriov_physnet_a", 2, "openshift.io/sriov_physnet_b", 1), first.sriovResources(),
                "a physnet without VFs asks for nothing");
        assertEquals(List.of("sriov-physnet-a", "sriov-physnet-a", "sriov-physnet-b"), first.networks());
        assertEquals(1, first.numaNode());
        assertEquals("nf-team-a", first.namespace(), "the cluster's team's namespace, DNS-1123");
    }

    @Test
    void theDevicePluginResourceNameKeepsOnlyLettersDigitsAndUnderscores() {
        assertEquals("sriov_physnet_a", NfPods.resourceName("physnet-a"));
        assertEquals("sriov_fabric_1_north", NfPods.resourceName("fabric.1/north"));
        assertEquals("intel.com/sriov_physnet_a", new NfPods("nf", "nf/{kind}", "intel.com").requestedResource("physnet-a"));
        assertEquals("sriov-fabric-1", NfPods.networkName("Fabric_1"), "an attachment's name is DNS-1123");
    }

    @Test
    void aPrefixFromBeforeTheRuleStillMeansTheSameResource() {
        for (String old : List.of("intel.com/sriov_", "intel.com/", "intel.com")) {
            assertEquals("intel.com/sriov_physnet_a", new NfPods("nf", "nf/{kind}", old).requestedResource("physnet-a"), old);
        }
    }

    @Test
    void aClusterWithoutTeamUsesThePrefixAlone() {
        PlannedCluster teamless = new PlannedCluster("c9", null, "1.31.2", List.of(), List.of(), List.of());
        assertEquals("nf", pods.namespace(teamless));
        assertEquals("edgefleet-nf-team-a", new NfPods("edgefleet-nf", "nf/{kind}", "intel.com").namespace(
                new PlannedCluster("c1", "team-a", "1.31.2", List.of(), List.of(), List.of())));
    }

    @Test
    void theSpecHashFollowsWhatThePlanReserved() {
        String before = pods.of(C1, du(List.of(2, 3), Map.of())).get(0).specHash();
        assertEquals(before, pods.of(C1, du(List.of(2, 3), Map.of())).get(0).specHash(), "stable");
        assertNotEquals(before, pods.of(C1, du(List.of(2, 3, 4), Map.of())).get(0).specHash());
        assertNotEquals(before, pods.of(C1, du(List.of(2, 3), Map.of("physnet-a", 1))).get(0).specHash());
        PlannedCluster otherTeam = new PlannedCluster("c1", "team-b", "1.31.2", List.of(), List.of(), List.of());
        assertNotEquals(before, pods.of(otherTeam, du(List.of(2, 3), Map.of())).get(0).specHash(),
                "another namespace is another pod");
    }
}
