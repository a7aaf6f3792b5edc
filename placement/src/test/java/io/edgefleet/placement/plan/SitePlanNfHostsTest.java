package io.edgefleet.placement.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import io.edgefleet.placement.store.LiveCluster;
import io.edgefleet.placement.store.NetworkFunctionRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ADR 0026 in the plan: each cluster lists the hosts that are its nodes only because they run its
 * network functions, so the site's agent lets them join; its bare-metal workers are nodes already.
 */
class SitePlanNfHostsTest {

    private static Allocation nf(String nfId, int replica, String host, String cluster) {
        return new Allocation(nfId + "/r-" + replica, HolderKind.NF_REPLICA, nfId, "team-a", host, 0,
                Resources.pinned(2, 1_024, 1, Map.of("physnet-a", 1)), cluster);
    }

    @Test
    void eachClusterListsItsNfHostsThatAreNotItsBareMetalWorkers() {
        List<Allocation> allocations = List.of(
                new Allocation("c1/w-0", HolderKind.WORKER_BAREMETAL, "c1", "team-a", "h1", Allocation.ANY_NUMA,
                        Resources.ZERO),
                nf("upf-1", 0, "h1", "c1"), nf("upf-1", 1, "h3", "c1"), nf("du-1", 0, "h3", "c1"),
                nf("upf-2", 0, "h2", "c2"));
        List<LiveCluster> clusters = List.of(new LiveCluster("c1", "team-a", "s1", "1.31.2", null),
                new LiveCluster("c2", "team-a", "s1", "1.31.2", null));
        List<NetworkFunctionRow> nfs = List.of(
                new NetworkFunctionRow("upf-1", "team-a", "s1", "c1", "UPF", "{\"vendor\":\"acme\"}",
                        NetworkFunctionStatus.PLACED, null),
                new NetworkFunctionRow("du-1", "team-a", "s1", "c1", "DU", "{}", NetworkFunctionStatus.PLACED, null),
                new NetworkFunctionRow("upf-2", "team-a", "s1", "c2", "UPF", "{}", NetworkFunctionStatus.PLACED, null));

        SitePlan plan = SitePlanBuilder.build("s1", 1, allocations, Map.of(), clusters, nfs, List.of());

        PlannedCluster c1 = plan.clusters().stream().filter(c -> c.clusterId().equals("c1")).findFirst().orElseThrow();
        PlannedCluster c2 = plan.clusters().stream().filter(c -> c.clusterId().equals("c2")).findFirst().orElseThrow();
        assertEquals(List.of("h1"), c1.workerHostIds());
        assertEquals(List.of("h3"), c1.nfHostIds(), "h1 is c1's bare-metal worker, h3 only runs its NFs");
        assertEquals(List.of("h2"), c2.nfHostIds());
        assertEquals("acme", plan.networkFunctions().stream().filter(nf -> nf.nfId().equals("upf-1")).findFirst()
                .orElseThrow().vendor(), "the vendor the request named");
        assertEquals(null, plan.networkFunctions().stream().filter(nf -> nf.nfId().equals("du-1")).findFirst()
                .orElseThrow().vendor());
        PlannedCluster withVip = SitePlanBuilder.withContext(plan, "h1", null, Map.of(), Map.of()).clusters().get(0);
        assertEquals(plan.clusters().get(0).nfHostIds(), withVip.nfHostIds(), "the context keeps the NF hosts");
    }
}
