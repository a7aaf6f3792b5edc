package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.host;
import static io.edgefleet.placement.engine.Fixtures.plainHost;
import static io.edgefleet.placement.engine.Fixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetworkFunctionTest {

    private final PlacementEngine engine = new PlacementEngine();

    private static NetworkFunctionRequest upf(int replicas, int cores, int huge, int vfs) {
        return new NetworkFunctionRequest("upf-1", "team-n", "c1", replicas, cores, huge, 4_096,
                Map.of("physnet-a", vfs));
    }

    @Test
    void replicasTakeEverythingFromOneNumaNodeOnDistinctHosts() {
        SiteState state = empty(site(3, 3));
        Decision d = engine.placeNetworkFunction(state, upf(2, 6, 6, 3), null);
        assertTrue(d.accepted(), () -> d.rejection().toString());
        assertEquals(2, d.placed().stream().map(Allocation::hostId).distinct().count());
        SiteState after = d.applyTo(state);
        for (Allocation a : d.placed()) {
            assertTrue(a.numaNode() >= 0);
            assertEquals(2, after.host(a.hostId()).freePinnedCores(a.numaNode()));
            assertEquals(1, after.host(a.hostId()).freeVfs(a.numaNode(), "physnet-a"));
            // pinned cores leave the shared pool: 16 - 6 = 10 shared vCPUs at ratio 1
            assertEquals(10, after.host(a.hostId()).freeVcpu());
        }
    }

    @Test
    void enoughOnTheHostButSplitAcrossNodesIsNoNumaFit() {
        // each node has 8 cores; 10 pinned cores exist on the host only across two nodes
        Decision d = engine.placeNetworkFunction(empty(site(host("h1", "a"))), upf(1, 10, 2, 1), null);
        assertEquals(RejectionCode.NO_NUMA_FIT, d.rejection().code());
        assertTrue(d.rejection().message().contains("closest: host h1, NUMA 0: 8 cores"),
                d.rejection().message());
    }

    @Test
    void missingSriovCapabilityIsNoEligibleHost() {
        Decision d = engine.placeNetworkFunction(empty(site(plainHost("p1", "a"))), upf(1, 2, 0, 1), null);
        assertEquals(RejectionCode.NO_ELIGIBLE_HOST, d.rejection().code());
        assertTrue(d.rejection().message().contains("sriov:physnet-a"));
    }

    @Test
    void moreReplicasThanHostsIsAntiAffinity() {
        Decision d = engine.placeNetworkFunction(empty(site(2, 2)), upf(3, 1, 1, 1), null);
        assertEquals(RejectionCode.ANTI_AFFINITY, d.rejection().code());
    }

    @Test
    void aNetworkFunctionDisplacesControlPlanesMakeBeforeBreak() {
        // h1: 12 of 16 shared vCPUs in use (a control plane and a worker of 6 each); pinning 8
        // cores would leave 8. h2: node 0 fully pinned, node 1 out of VFs, so the NF fits
        // nowhere as is; h2 still shares 8 vCPUs, enough for the control plane.
        SiteState state = empty(site(host("h1", "a"), host("h2", "b")));
        Allocation cp = new Allocation("c9/cp-0", HolderKind.CONTROL_PLANE, "c9", "team-c", "h1",
                Allocation.ANY_NUMA, Resources.microVm(6, 4_096, 20));
        Allocation worker = new Allocation("c9/w-0", HolderKind.WORKER_VM, "c9", "team-c", "h1",
                Allocation.ANY_NUMA, Resources.microVm(6, 4_096, 20));
        Allocation pinnedH2 = new Allocation("dpdk/r-0", HolderKind.NF_REPLICA, "dpdk", "team-n", "h2",
                0, Resources.pinned(8, 0, 0, Map.of()), "c9");
        Allocation vfsH2 = new Allocation("dpdk/r-1", HolderKind.NF_REPLICA, "dpdk", "team-n", "h2",
                1, Resources.pinned(0, 0, 0, Map.of("physnet-a", 4)), "c9");
        state = state.apply(List.of(cp, worker, pinnedH2, vfsH2), List.of());
        Decision d = engine.placeNetworkFunction(state, upf(1, 8, 2, 1), null);
        assertTrue(d.accepted(), () -> d.rejection().toString());
        assertEquals(List.of(cp), d.released());
        List<Allocation> moves = d.moves();
        assertEquals(1, moves.size());
        assertEquals("c9/cp-0", moves.get(0).holderId());
        assertEquals("h2", moves.get(0).hostId(), "the displaced replica moves first");
        assertEquals(moves.get(0), d.placed().get(0), "new replica listed before the NF");
        Allocation nf = d.placed().get(1);
        assertEquals("h1", nf.hostId());
        SiteState after = d.applyTo(state);
        for (int i = 0; i < after.hostCount(); i++) {
            assertTrue(after.host(i).withinCapacity());
        }
    }

    @Test
    void displacementIsRefusedWhenTheControlPlaneCannotMove() {
        SiteState state = empty(site(host("h1", "a")));
        Allocation cp = new Allocation("c9/cp-0", HolderKind.CONTROL_PLANE, "c9", "team-c", "h1",
                Allocation.ANY_NUMA, Resources.microVm(12, 4_096, 20));
        state = state.apply(List.of(cp), List.of());
        Decision d = engine.placeNetworkFunction(state, upf(1, 8, 2, 1), null);
        assertFalse(d.accepted());
        assertEquals(RejectionCode.INSUFFICIENT_CAPACITY, d.rejection().code());
        assertTrue(d.rejection().message().contains("closest: host h1, NUMA 0: 12 shared vCPUs in use, "
                + "8 cores left to share after pinning"), d.rejection().message());
    }

    @Test
    void pinnedQuotaAndDelete() {
        SiteState state = empty(site(3, 3));
        TeamQuota q = new TeamQuota("team-n", new TeamUsage(0, 1_000_000, 10, 100, 0, TeamQuota.NONE), TeamUsage.NONE);
        assertEquals(RejectionCode.QUOTA_EXCEEDED,
                engine.placeNetworkFunction(state, upf(2, 6, 1, 1), q).rejection().code());
        Decision ok = engine.placeNetworkFunction(state, upf(2, 5, 1, 1), q);
        assertTrue(ok.accepted());
        SiteState after = ok.applyTo(state);
        Decision del = engine.deleteNetworkFunction(after, "upf-1");
        assertEquals(ok.placed().stream().collect(Collectors.toSet()),
                del.released().stream().collect(Collectors.toSet()));
    }
}
