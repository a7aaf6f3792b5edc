package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.cluster;
import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.filler;
import static io.edgefleet.placement.engine.Fixtures.host;
import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ControlPlaneScalingTest {

    private final PlacementEngine engine = new PlacementEngine();

    private static List<Allocation> cps(SiteState s, String cluster) {
        return s.allocationsOf(cluster).stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE).toList();
    }

    private static long fds(SiteState s, List<Allocation> as) {
        return as.stream().map(a -> s.host(a.hostId()).host().failureDomain()).distinct().count();
    }

    @Test
    void oneToThreeToFiveAndBackRemovingTheNewest() {
        SiteState state = empty(site(6, 3));
        state = engine.createCluster(state, cluster("c1", 1, Workers.microVms(2, vm(1, 1_024)))).applyTo(state);
        Decision three = engine.scaleControlPlane(state, "c1", 3, null);
        assertEquals(List.of("c1/cp-1", "c1/cp-2"), three.placed().stream().map(Allocation::holderId).toList());
        state = three.applyTo(state);
        assertEquals(3, fds(state, cps(state, "c1")), "three racks, three replicas: one per rack");

        Decision five = engine.scaleControlPlane(state, "c1", 5, null);
        state = five.applyTo(state);
        List<Allocation> all = cps(state, "c1");
        assertEquals(5, all.size());
        assertEquals(5, all.stream().map(Allocation::hostId).distinct().count());
        assertEquals(3, fds(state, all), "only three racks: spread over all of them");
        Map<String, Long> perRack = all.stream().collect(Collectors.groupingBy(
                ControlPlaneScalingTest::rackOf, Collectors.counting()));
        assertTrue(perRack.values().stream().allMatch(n -> n <= 2), "no rack holds three: " + perRack);
        assertNull(Invariants.check(state));

        Decision down = engine.scaleControlPlane(state, "c1", 3, null);
        assertEquals(List.of("c1/cp-4", "c1/cp-3"), down.released().stream().map(Allocation::holderId).toList());
        state = down.applyTo(state);
        Decision one = engine.scaleControlPlane(state, "c1", 1, null);
        assertEquals(List.of("c1/cp-2", "c1/cp-1"), one.released().stream().map(Allocation::holderId).toList());
        state = one.applyTo(state);
        assertEquals(2, state.allocationsOf("c1").stream().filter(a -> a.kind() == HolderKind.WORKER_VM).count(),
                "workers are not touched");
        assertEquals(List.of("c1/cp-1", "c1/cp-2"), engine.scaleControlPlane(state, "c1", 3, null)
                .placed().stream().map(Allocation::holderId).toList(), "indexes are reused densely");
    }

    /** Failure domain of a fixture host: hosts h1..h6 of site(6, 3) are in racks a, b, c, a, b, c. */
    private static String rackOf(Allocation a) {
        return "rack-" + (char) ('a' + (Integer.parseInt(a.hostId().substring(1)) - 1) % 3);
    }

    @Test
    void badCountsUnknownClustersAndNoChange() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 3, Workers.none())).applyTo(state);
        assertEquals(RejectionCode.INVALID_REQUEST, engine.scaleControlPlane(state, "c1", 4, null).rejection().code());
        assertEquals(RejectionCode.UNKNOWN_OWNER, engine.scaleControlPlane(state, "zz", 3, null).rejection().code());
        Decision same = engine.scaleControlPlane(state, "c1", 3, null);
        assertTrue(same.accepted() && same.placed().isEmpty() && same.released().isEmpty());
    }

    @Test
    void sevenReplicasOnSevenHostsAndBackToThree() {
        SiteState state = empty(site(7, 3));
        state = engine.createCluster(state, cluster("c1", 3, Workers.none())).applyTo(state);
        Decision seven = engine.scaleControlPlane(state, "c1", 7, null);
        assertEquals(List.of("c1/cp-3", "c1/cp-4", "c1/cp-5", "c1/cp-6"),
                seven.placed().stream().map(Allocation::holderId).toList());
        state = seven.applyTo(state);
        assertEquals(7, cps(state, "c1").stream().map(Allocation::hostId).distinct().count(), "one per host");
        assertNull(Invariants.check(state));
        Decision three = engine.scaleControlPlane(state, "c1", 3, null);
        assertEquals(List.of("c1/cp-6", "c1/cp-5", "c1/cp-4", "c1/cp-3"),
                three.released().stream().map(Allocation::holderId).toList(), "the newest go first");
        assertEquals(RejectionCode.INVALID_REQUEST, engine.scaleControlPlane(state, "c1", 9, null).rejection().code());
    }

    @Test
    void tooFewHostsIsAntiAffinity() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 3, Workers.none())).applyTo(state);
        Decision d = engine.scaleControlPlane(state, "c1", 5, null);
        assertEquals(RejectionCode.ANTI_AFFINITY, d.rejection().code());
        assertTrue(d.rejection().message().contains("c1/cp-3"), d.rejection().message());
    }

    @Test
    void aFullFailureDomainBlocksTheHardSpread() {
        // racks a, b, c; the only rack-c host is full, so a third replica has nowhere to go
        SiteState state = SiteState.of(site(host("h1", "rack-a"), host("h2", "rack-b"),
                host("h3", "rack-c"), host("h4", "rack-a")), List.of(filler("f", "h3", 16, 1_024)));
        state = engine.createCluster(state, cluster("c1", 1, Workers.none())).applyTo(state);
        Decision d = engine.scaleControlPlane(state, "c1", 3, null);
        assertEquals(RejectionCode.ANTI_AFFINITY, d.rejection().code());
        assertTrue(d.rejection().message().contains("failure domains"), d.rejection().message());
    }

    @Test
    void quotaCountsTheNewReplicas() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 1, Workers.none())).applyTo(state);
        TeamQuota quota = new TeamQuota("team-a", new TeamUsage(4, 1_000_000, 0, 0, 0, TeamQuota.NONE),
                TeamUsage.of("team-a", state.allocations()));
        Decision d = engine.scaleControlPlane(state, "c1", 3, quota);
        assertEquals(RejectionCode.QUOTA_EXCEEDED, d.rejection().code());
        assertTrue(engine.scaleControlPlane(state, "c1", 1, quota).accepted());
    }
}
