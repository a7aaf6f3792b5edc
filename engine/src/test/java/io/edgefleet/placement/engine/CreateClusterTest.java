package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.cluster;
import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.filler;
import static io.edgefleet.placement.engine.Fixtures.host;
import static io.edgefleet.placement.engine.Fixtures.plainHost;
import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.Site;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CreateClusterTest {

    private final PlacementEngine engine = new PlacementEngine();

    private static Set<String> hostsOf(Decision d, HolderKind kind) {
        return d.placed().stream().filter(a -> a.kind() == kind).map(Allocation::hostId)
                .collect(Collectors.toSet());
    }

    @Test
    void threeReplicasLandOnThreeHostsInThreeFailureDomains() {
        SiteState state = empty(site(6, 3));
        Decision d = engine.createCluster(state, cluster("c1", 3, Workers.none()));
        assertTrue(d.accepted(), () -> d.rejection().toString());
        assertEquals(3, d.placed().size());
        assertEquals(3, hostsOf(d, HolderKind.CONTROL_PLANE).size());
        Set<String> fds = d.placed().stream()
                .map(a -> state.host(a.hostId()).host().failureDomain()).collect(Collectors.toSet());
        assertEquals(3, fds.size());
        assertEquals(List.of("c1/cp-0", "c1/cp-1", "c1/cp-2"),
                d.placed().stream().map(Allocation::holderId).toList());
    }

    @Test
    void fewerFailureDomainsThanReplicasStillSpreadsOverHosts() {
        SiteState state = empty(site(4, 2));
        Decision d = engine.createCluster(state, cluster("c1", 3, Workers.none()));
        assertTrue(d.accepted());
        assertEquals(3, hostsOf(d, HolderKind.CONTROL_PLANE).size());
        long fds = d.placed().stream().map(a -> state.host(a.hostId()).host().failureDomain())
                .distinct().count();
        assertEquals(2, fds, "soft spread uses every failure domain there is");
    }

    @Test
    void fullFailureDomainIsAnAntiAffinityRejectionNamingTheDomains() {
        // h3 is the only host of rack-c and is full; a 3-replica control plane needs rack-c.
        SiteState state = SiteState.of(site(host("h1", "rack-a"), host("h2", "rack-b"),
                host("h3", "rack-c"), host("h4", "rack-a")), List.of(filler("f", "h3", 16, 1024)));
        Decision d = engine.createCluster(state, cluster("c1", 3, Workers.none()));
        assertFalse(d.accepted());
        assertEquals(RejectionCode.ANTI_AFFINITY, d.rejection().code());
        assertTrue(d.rejection().message().contains("rack-a"), d.rejection().message());
        assertTrue(d.rejection().message().contains("host h3"), d.rejection().message());
        assertTrue(d.placed().isEmpty());
    }

    @Test
    void notEnoughHostsForDistinctReplicasIsAntiAffinity() {
        SiteState state = empty(site(2, 2));
        Decision d = engine.createCluster(state, cluster("c1", 3, Workers.none()));
        assertEquals(RejectionCode.ANTI_AFFINITY, d.rejection().code());
        assertTrue(d.rejection().message().contains("h1, h2"), d.rejection().message());
    }

    @Test
    void insufficientCapacityNamesTheClosestHostAndWhatItHasFree() {
        SiteState state = SiteState.of(site(host("h1", "r"), host("h2", "r")),
                List.of(filler("f1", "h1", 15, 1024), filler("f2", "h2", 12, 1024)));
        Decision d = engine.createCluster(state,
                new ClusterRequest("c1", "team-a", 1, vm(6, 4096), Workers.none()));
        assertEquals(RejectionCode.INSUFFICIENT_CAPACITY, d.rejection().code());
        assertTrue(d.rejection().message().startsWith("site par-01: no host has 6 vCPU"),
                d.rejection().message());
        assertTrue(d.rejection().message().contains("closest: host h2: 4 vCPU"),
                d.rejection().message());
    }

    @Test
    void cpuAllocationRatioOvercommitsSharedVcpusOnly() {
        Host h = host("h1", "r", HostState.READY, 2.0); // 16 cores -> 32 shared vCPUs
        SiteState state = empty(site(h));
        Decision d = engine.createCluster(state,
                new ClusterRequest("c1", "t", 1, vm(30, 4096), Workers.none()));
        assertTrue(d.accepted());
        Decision tooMuchMemory = engine.createCluster(state,
                new ClusterRequest("c2", "t", 1, vm(2, 70_000), Workers.none()));
        assertEquals(RejectionCode.INSUFFICIENT_CAPACITY, tooMuchMemory.rejection().code());
    }

    @Test
    void densePackingPrefersHostsAlreadyInUse() {
        SiteState state = SiteState.of(site(3, 1), List.of(filler("f", "h3", 2, 1024)));
        Decision d = engine.createCluster(state,
                cluster("c1", 1, Workers.microVms(2, vm(2, 4096))));
        assertTrue(d.accepted());
        assertEquals(Set.of("h3"), d.placed().stream().map(Allocation::hostId)
                .collect(Collectors.toSet()), "everything joins the host already in use");
    }

    @Test
    void cordonedAndDownHostsReceiveNothing() {
        SiteState state = empty(site(host("h1", "a", HostState.CORDONED, 1.0),
                host("h2", "b", HostState.DOWN, 1.0), host("h3", "c")));
        Decision d = engine.createCluster(state, cluster("c1", 1, Workers.none()));
        assertEquals("h3", d.placed().get(0).hostId());
        Decision three = engine.createCluster(state, cluster("c2", 3, Workers.none()));
        assertEquals(RejectionCode.ANTI_AFFINITY, three.rejection().code());
    }

    @Test
    void noMicroVmHostIsNoEligibleHost() {
        Decision d = engine.createCluster(empty(site(plainHost("p1", "a"))),
                cluster("c1", 1, Workers.none()));
        assertEquals(RejectionCode.NO_ELIGIBLE_HOST, d.rejection().code());
        assertTrue(d.rejection().message().contains("microvm"));
    }

    @Test
    void bareMetalWorkersTakeWholeEmptyHostsPreferringHostsWithoutMicroVm() {
        SiteState state = empty(site(host("h1", "a"), host("h2", "b"), host("h3", "c"),
                plainHost("p1", "a")));
        Decision d = engine.createCluster(state, cluster("c1", 1, Workers.bareMetal(2)));
        assertTrue(d.accepted(), () -> String.valueOf(d.rejection()));
        Set<String> bm = hostsOf(d, HolderKind.WORKER_BAREMETAL);
        assertEquals(2, bm.size());
        assertTrue(bm.contains("p1"));
        String cpHost = d.placed().stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE)
                .findFirst().orElseThrow().hostId();
        assertFalse(bm.contains(cpHost), "a bare-metal worker host is not shared");
        SiteState after = d.applyTo(state);
        Decision next = engine.createCluster(after, cluster("c2", 3, Workers.none()));
        assertEquals(RejectionCode.ANTI_AFFINITY, next.rejection().code(),
                "only two microVM hosts are left");
    }

    @Test
    void bareMetalWorkersNeedEmptyHosts() {
        SiteState state = SiteState.of(site(2, 2), List.of(filler("f", "h1", 1, 1)));
        Decision d = engine.createCluster(state, cluster("c1", 1, Workers.bareMetal(2)));
        assertEquals(RejectionCode.NO_FREE_HOST, d.rejection().code());
        assertTrue(d.rejection().message().contains("closest: host h1"), d.rejection().message());
    }

    @Test
    void sevenReplicasLandOnSevenHostsOverEveryFailureDomain() {
        SiteState state = empty(site(8, 3));
        Decision d = engine.createCluster(state, cluster("c1", 7, Workers.none()));
        assertTrue(d.accepted(), () -> d.rejection().toString());
        assertEquals(7, hostsOf(d, HolderKind.CONTROL_PLANE).size(), "one replica per host");
        assertEquals(3, d.placed().stream().map(a -> state.host(a.hostId()).host().failureDomain()).distinct().count());
        assertEquals("c1/cp-6", d.placed().get(6).holderId());
        assertEquals(RejectionCode.ANTI_AFFINITY,
                engine.createCluster(empty(site(6, 3)), cluster("c1", 7, Workers.none())).rejection().code(),
                "six hosts cannot hold seven replicas");
        assertEquals(RejectionCode.INVALID_REQUEST,
                engine.createCluster(state, cluster("c1", 9, Workers.none())).rejection().code());
    }

    @Test
    void invalidReplicaCountAndDuplicatesAreRejected() {
        SiteState state = empty(site(6, 3));
        assertEquals(RejectionCode.INVALID_REQUEST,
                engine.createCluster(state, cluster("c1", 2, Workers.none())).rejection().code());
        SiteState after = engine.createCluster(state, cluster("c1", 3, Workers.none())).applyTo(state);
        assertEquals(RejectionCode.ALREADY_EXISTS,
                engine.createCluster(after, cluster("c1", 1, Workers.none())).rejection().code());
    }

    @Test
    void quotaIsCheckedOnWhatTheClusterAdds() {
        SiteState state = empty(site(6, 3));
        TeamQuota quota = new TeamQuota("team-a", new TeamUsage(8, 1_000_000, 0, 0, 0, TeamQuota.NONE),
                new TeamUsage(4, 0, 0, 0, 0, 0));
        Decision d = engine.createCluster(state, cluster("c1", 3, Workers.none()), quota);
        assertEquals(RejectionCode.QUOTA_EXCEEDED, d.rejection().code());
        assertEquals("team team-a quota exceeded: vcpu needs 6, used 4 of 8",
                d.rejection().message());
        assertTrue(engine.createCluster(state, cluster("c1", 1, Workers.none()), quota).accepted());
    }

    @Test
    void theEngineNeverChangesTheStateItIsGiven() {
        SiteState state = empty(site(6, 3));
        Decision d = engine.createCluster(state, cluster("c1", 3, Workers.microVms(3, vm(4, 8192))));
        assertTrue(d.accepted());
        assertTrue(state.allocations().isEmpty());
        assertEquals(16, state.host("h1").freeVcpu());
        SiteState after = d.applyTo(state);
        assertNotEquals(16 * 6, sumFreeVcpu(after));
        assertEquals(16 * 6 - 3 * 2 - 3 * 4, sumFreeVcpu(after));
    }

    @Test
    void deleteReleasesEverythingTheClusterHolds() {
        SiteState state = empty(site(6, 3));
        SiteState after = engine.createCluster(state, cluster("c1", 3, Workers.bareMetal(1)))
                .applyTo(state);
        Decision del = engine.deleteCluster(after, "c1");
        assertEquals(4, del.released().size());
        assertTrue(del.applyTo(after).allocations().isEmpty());
        assertEquals(RejectionCode.UNKNOWN_OWNER, engine.deleteCluster(state, "c1").rejection().code());
        assertNull(del.rejection());
    }

    private static int sumFreeVcpu(SiteState s) {
        int sum = 0;
        for (int i = 0; i < s.hostCount(); i++) {
            sum += s.host(i).freeVcpu();
        }
        return sum;
    }
}
