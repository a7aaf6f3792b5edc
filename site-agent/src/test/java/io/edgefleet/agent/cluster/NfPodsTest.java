package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A planned network function becomes one pod per replica, each sized exactly as the plan reserved. */
class NfPodsTest {
    final NfPods pods = new NfPods("nf", "registry/{kind}:2", "openshift.io/");

    static PlannedNetworkFunction du(List<Integer> cores, Map<String, Integer> vfs) {
        return new PlannedNetworkFunction("DU_East", "c1", NetworkFunctionKind.DU, List.of(
                new PlannedNfReplica(0, "bm1", 1, cores, 4, 8192, vfs),
                new PlannedNfReplica(1, "bm2", 0, cores, 4, 8192, vfs)));
    }

    @Test
    void onePodPerReplicaOnItsHostWithWholeCpusPerPinnedCore() {
        List<NfPod> out = pods.of(du(List.of(2, 3, 4), Map.of("physnet-b", 1, "physnet-a", 2, "physnet-c", 0)));

        assertEquals(List.of("du-east-0", "du-east-1"), out.stream().map(NfPod::name).toList(), "DNS-1123 names");
        assertEquals(List.of("bm1", "bm2"), out.stream().map(NfPod::nodeName).toList());
        NfPod first = out.get(0);
        assertEquals(3, first.cpus());
        assertEquals(4, first.hugepages1Gi());
        assertEquals("registry/du:2", first.image());
        assertEquals(Map.of("openshift.io/physnet-a", 2, "openshift.io/physnet-b", 1), first.sriovResources(),
                "a physnet without VFs asks for nothing");
        assertEquals(List.of("sriov-physnet-a", "sriov-physnet-a", "sriov-physnet-b"), first.networks());
        assertEquals(1, first.numaNode());
    }

    @Test
    void theSpecHashFollowsWhatThePlanReserved() {
        String before = pods.of(du(List.of(2, 3), Map.of())).get(0).specHash();
        assertEquals(before, pods.of(du(List.of(2, 3), Map.of())).get(0).specHash(), "stable");
        assertNotEquals(before, pods.of(du(List.of(2, 3, 4), Map.of())).get(0).specHash());
        assertNotEquals(before, pods.of(du(List.of(2, 3), Map.of("physnet-a", 1))).get(0).specHash());
    }
}
