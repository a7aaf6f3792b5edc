package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ADR 0026: a host's kubelet joins at most one cluster. An NF replica runs only where its
 * cluster's kubelet runs or may run: the cluster's bare-metal workers first, then hosts already
 * running its network functions, then hosts that are nobody's node. Control-plane microVMs of any
 * cluster still share NF hosts.
 */
class HostModelTest {
    private final PlacementEngine engine = new PlacementEngine();

    private static NetworkFunctionRequest nf(String id, String cluster, int replicas) {
        return new NetworkFunctionRequest(id, "team-a", cluster, replicas, 2, 1, 1_024, Map.of("physnet-a", 1));
    }

    private SiteState accept(SiteState state, Decision d) {
        assertTrue(d.accepted(), () -> d.rejection().toString());
        SiteState next = d.applyTo(state);
        assertNull(Invariants.check(next));
        return next;
    }

    private static String hostOf(Decision d, HolderKind kind) {
        return d.placed().stream().filter(a -> a.kind() == kind).findFirst().orElseThrow().hostId();
    }

    @Test
    void anNfGoesToItsClustersBareMetalWorkerFirst() {
        SiteState state = empty(site(4, 2));
        Decision c1 = engine.createCluster(state, Fixtures.cluster("c1", 1, Workers.bareMetal(1)));
        state = accept(state, c1);
        String worker = hostOf(c1, HolderKind.WORKER_BAREMETAL);

        Decision d = engine.placeNetworkFunction(state, nf("upf-1", "c1", 1), null);
        state = accept(state, d);

        assertEquals(worker, d.placed().get(0).hostId());
        assertEquals("c1", state.host(worker).nodeCluster());
        assertEquals("c1", state.host(worker).exclusiveOwner(), "still c1's bare-metal worker");
    }

    @Test
    void anotherClustersNfNeverSharesAHostAndTheRejectionSaysWhy() {
        SiteState state = empty(site(2, 2));
        state = accept(state, engine.placeNetworkFunction(state, nf("upf-a", "c1", 2), null));

        Decision d = engine.placeNetworkFunction(state, nf("upf-b", "c2", 1), null);

        assertEquals(RejectionCode.NO_ELIGIBLE_HOST, d.rejection().code());
        assertTrue(d.rejection().message().contains("node of cluster c2 or of no cluster"), d.rejection().message());
        assertTrue(d.rejection().message().contains("h1 (node of c1)"), d.rejection().message());
        assertTrue(d.rejection().message().contains("h2 (node of c1)"), d.rejection().message());
    }

    @Test
    void aBareMetalWorkerOfAnotherClusterIsNoNfHost() {
        SiteState state = empty(site(1, 1));
        state = accept(state, engine.createCluster(state, new ClusterRequest("c1", "team-a", 1,
                Fixtures.vm(1, 1_024), Workers.none())));
        state = state.apply(List.of(Holders.bareMetal("c9", 0, "h1")), List.of());

        Decision d = engine.placeNetworkFunction(state, nf("upf-1", "c1", 1), null);

        assertEquals(RejectionCode.NO_ELIGIBLE_HOST, d.rejection().code());
        assertTrue(d.rejection().message().contains("h1 (bare-metal worker of c9)"), d.rejection().message());
    }

    @Test
    void aClustersSecondNfJoinsItsNfNodeBeforeAFreeHost() {
        SiteState state = empty(site(3, 3));
        Decision first = engine.placeNetworkFunction(state, nf("upf-1", "c1", 1), null);
        state = accept(state, first);

        Decision second = engine.placeNetworkFunction(state, nf("du-1", "c1", 1), null);
        state = accept(state, second);

        assertEquals(first.placed().get(0).hostId(), second.placed().get(0).hostId());
    }

    @Test
    void controlPlanesOfAnyClusterStillShareAnNfHost() {
        SiteState state = empty(site(1, 1));
        state = accept(state, engine.placeNetworkFunction(state, nf("upf-1", "c1", 1), null));

        Decision cp = engine.createCluster(state, new ClusterRequest("c2", "team-b", 1, Fixtures.vm(2, 2_048),
                Workers.none()));
        state = accept(state, cp);

        assertEquals("h1", hostOf(cp, HolderKind.CONTROL_PLANE));
        assertEquals("c1", state.host("h1").nodeCluster(), "the microVM does not make h1 a node of c2");
    }

    @Test
    void theLastNfLeavingFreesTheHostForAnotherCluster() {
        SiteState state = empty(site(1, 1));
        state = accept(state, engine.placeNetworkFunction(state, nf("upf-a", "c1", 1), null));
        state = accept(state, engine.deleteNetworkFunction(state, "upf-a"));

        Decision d = engine.placeNetworkFunction(state, nf("upf-b", "c2", 1), null);

        accept(state, d);
        assertEquals("h1", d.placed().get(0).hostId());
    }

    @Test
    void aReplicaNamesItsCluster() {
        Allocation a = Holders.nf("upf-1", 0, "h1", 0, 1, 0, 0);
        assertEquals("nf-cluster", a.clusterId());
        assertEquals("nf-cluster", a.movedTo("h2", 1).clusterId());
    }
}
