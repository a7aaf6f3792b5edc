package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.cluster;
import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplicaSurgeTest {

    private final PlacementEngine engine = new PlacementEngine();

    private static Set<String> cpHosts(SiteState s, String cluster) {
        return s.allocationsOf(cluster).stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE)
                .map(Allocation::hostId).collect(Collectors.toSet());
    }

    @Test
    void aControlPlaneNewcomerTakesTheNextIndexOnAHostWithoutASibling() {
        SiteState state = empty(site(5, 5));
        state = engine.createCluster(state, cluster("c1", 3, Workers.microVms(1, vm(1, 1_024)))).applyTo(state);
        Set<String> before = cpHosts(state, "c1");
        Decision d = engine.surgeReplica(state, "c1", "c1/cp-0");
        assertTrue(d.accepted(), String.valueOf(d.rejection()));
        assertEquals(List.of(), d.released(), "the old replica leaves in a later step");
        Allocation added = d.placed().get(0);
        assertEquals("c1/cp-3", added.holderId());
        assertEquals(HolderKind.CONTROL_PLANE, added.kind());
        assertEquals(state.allocation("c1/cp-0").resources(), added.resources(), "same size as the one it replaces");
        assertFalse(before.contains(added.hostId()), "no sibling on its host: " + before + " vs " + added.hostId());
    }

    @Test
    void onThreeHostsTheNewcomerGoesBesideTheReplicaItReplaces() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 3, Workers.microVms(0, vm(1, 1_024)))).applyTo(state);
        Decision d = engine.surgeReplica(state, "c1", "c1/cp-1");
        assertTrue(d.accepted(), String.valueOf(d.rejection()));
        assertEquals(state.allocation("c1/cp-1").hostId(), d.placed().get(0).hostId(),
                "the only host it may share is the one of the replica that leaves");
    }

    @Test
    void workersGetTheNextWorkerIndexAndAnUnknownHolderIsRefused() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 1, Workers.microVms(2, vm(1, 1_024)))).applyTo(state);
        Decision d = engine.surgeReplica(state, "c1", "c1/w-0");
        assertTrue(d.accepted(), String.valueOf(d.rejection()));
        assertEquals("c1/w-2", d.placed().get(0).holderId());
        assertEquals(HolderKind.WORKER_VM, d.placed().get(0).kind());

        Decision unknown = engine.surgeReplica(state, "c1", "c1/cp-9");
        assertFalse(unknown.accepted());
        assertEquals(RejectionCode.UNKNOWN_OWNER, unknown.rejection().code());
        assertTrue(unknown.rejection().message().contains("c1/cp-9"), unknown.rejection().message());
    }

    @Test
    void aFullSiteSaysWhyTheNewcomerDoesNotFit() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, new ClusterRequest("big", "team-a", 3, vm(9, 4_096),
                Workers.microVms(0, vm(1, 1_024)))).applyTo(state);
        // Each host has 16 vCPUs: a second 9-vCPU replica fits on none, not even beside the one it replaces.
        Decision d = engine.surgeReplica(state, "big", "big/cp-0");
        assertFalse(d.accepted());
        assertTrue(d.rejection().message().contains("big/cp-3"), d.rejection().message());
        assertNotEquals(RejectionCode.UNKNOWN_OWNER, d.rejection().code());
    }
}
