package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.cluster;
import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostLossTest {

    private final PlacementEngine engine = new PlacementEngine();

    @Test
    void everythingOnTheLostHostIsReplacedKeepingAntiAffinity() {
        SiteState state = empty(site(4, 4));
        state = engine.createCluster(state, cluster("c1", 3, Workers.microVms(2, vm(2, 2048))))
                .applyTo(state);
        String victim = state.allocation("c1/cp-0").hostId();
        int held = state.allocationsOn(victim).size();
        Decision d = engine.hostLost(state, victim);
        assertTrue(d.accepted());
        assertTrue(d.unplaced().isEmpty());
        assertEquals(held, d.released().size());
        assertEquals(held, d.moves().size());
        SiteState after = d.applyTo(state);
        assertTrue(after.allocationsOn(victim).isEmpty());
        Set<String> cpHosts = after.allocationsOf("c1").stream()
                .filter(a -> a.kind() == HolderKind.CONTROL_PLANE).map(Allocation::hostId)
                .collect(Collectors.toSet());
        assertEquals(3, cpHosts.size());
    }

    @Test
    void whatCannotBeReplacedIsListedWithTheReason() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 3, Workers.none())).applyTo(state);
        String victim = state.allocation("c1/cp-1").hostId();
        Decision d = engine.hostLost(state, victim);
        assertEquals(1, d.unplaced().size());
        Unplaced u = d.unplaced().get(0);
        assertEquals("c1/cp-1", u.previous().holderId());
        assertEquals(RejectionCode.ANTI_AFFINITY, u.reason().code());
        assertEquals(1, d.released().size());
        assertTrue(d.placed().isEmpty());
    }

    @Test
    void networkFunctionsAreReplacedFirstAndMayDisplaceControlPlanes() {
        SiteState state = empty(site(3, 3));
        state = engine.placeNetworkFunction(state, new NetworkFunctionRequest("upf", "t", "c", 1,
                8, 2, 1_024, Map.of("physnet-a", 1)), null).applyTo(state);
        String nfHost = state.allocation("upf/r-0").hostId();
        Decision d = engine.hostLost(state, nfHost);
        assertTrue(d.unplaced().isEmpty());
        Allocation moved = d.moves().get(0);
        assertEquals("upf/r-0", moved.holderId());
        assertTrue(!moved.hostId().equals(nfHost));
    }

    @Test
    void unknownHostIsRejected() {
        assertEquals(RejectionCode.CANNOT_REPLACE,
                engine.hostLost(empty(site(1, 1)), "nope").rejection().code());
    }
}
