package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch placement on hand-built sites (fixture hosts: 16 vCPU at ratio 1, 64 GiB). */
class BatchPlacementTest {

    private final PlacementEngine engine = new PlacementEngine();

    private static ClusterRequest single(String id, String team, int vcpu) {
        return new ClusterRequest(id, team, 1, new MicroVmSize(vcpu, 4_096, 10), Workers.none());
    }

    @Test
    void largestFirstFitsWhatArrivalOrderCannot() {
        // two 16-vCPU hosts; 6, 6, 10, 10 in arrival order leaves no host with 10 for the last
        SiteState state = empty(site(2, 1));
        List<ClusterRequest> reqs = List.of(single("s1", "t", 6), single("s2", "t", 6),
                single("b1", "t", 10), single("b2", "t", 10));
        BatchResult r = engine.placeBatch(state, reqs, BatchOptions.defaults());
        assertEquals(3, r.acceptedInArrivalOrder());
        assertEquals(4, r.accepted());
        SiteState after = r.combined().applyTo(state);
        assertNull(Invariants.check(after));
        assertEquals(4, after.allocations().size());
    }

    @Test
    void eachRequestIsAllOrNothingWithItsOwnReason() {
        // one host: a 3-replica control plane cannot fit, the small one can
        SiteState state = empty(site(1, 1));
        List<ClusterRequest> reqs = List.of(
                new ClusterRequest("three", "t", 3, new MicroVmSize(1, 1_024, 1), Workers.none()),
                single("one", "t", 2),
                new ClusterRequest("two", "t", 2, new MicroVmSize(1, 1_024, 1), Workers.none()));
        BatchResult r = engine.placeBatch(state, reqs, BatchOptions.defaults());
        Decision three = r.decisions().get(0);
        assertFalse(three.accepted());
        assertTrue(three.placed().isEmpty());
        assertEquals(RejectionCode.ANTI_AFFINITY, three.rejection().code());
        assertTrue(three.rejection().message().contains("three/cp-1"), three.rejection().message());
        assertTrue(r.decisions().get(1).accepted());
        assertEquals(1, r.decisions().get(1).placed().size());
        assertEquals(RejectionCode.INVALID_REQUEST, r.decisions().get(2).rejection().code());
    }

    @Test
    void quotaCountsWhatTheBatchAlreadyGaveTheTeam() {
        SiteState state = empty(site(2, 1));
        TeamQuota quota = new TeamQuota("t", new TeamUsage(10, 1_000_000, 0, 0, 0, TeamQuota.NONE), TeamUsage.NONE);
        BatchResult r = engine.placeBatch(state, List.of(single("a", "t", 6), single("b", "t", 6),
                single("c", "u", 6)), Map.of("t", quota), BatchOptions.defaults());
        assertEquals(2, r.accepted());
        long quotaRejections = r.decisions().stream().filter(d -> !d.accepted())
                .filter(d -> d.rejection().code() == RejectionCode.QUOTA_EXCEEDED).count();
        assertEquals(1, quotaRejections);
        assertTrue(r.decisions().get(2).accepted(), "team u has no limit");
    }

    @Test
    void aClusterIdTwiceInTheBatchIsRejectedTheSecondTime() {
        BatchResult r = engine.placeBatch(empty(site(3, 3)), List.of(single("a", "t", 1),
                single("a", "t", 1)), BatchOptions.defaults());
        assertTrue(r.decisions().get(0).accepted());
        assertEquals(RejectionCode.INVALID_REQUEST, r.decisions().get(1).rejection().code());
        assertTrue(r.decisions().get(1).rejection().message().contains("twice"));
        assertEquals(List.of(0, 1), r.order());
    }

    @Test
    void decisionsReplayInTheirOrderAndTheSameSeedGivesTheSameResult() {
        SiteState state = empty(site(3, 3));
        List<ClusterRequest> reqs = List.of(single("a", "t", 9), single("b", "t", 7),
                single("c", "t", 9), single("d", "t", 7), single("e", "t", 9), single("f", "t", 3));
        BatchResult r = engine.placeBatch(state, reqs, BatchOptions.defaults());
        SiteState s = state;
        for (int i : r.order()) {
            if (r.decisions().get(i).accepted()) {
                s = r.decisions().get(i).applyTo(s);
            }
        }
        assertEquals(r.combined().applyTo(state).allocations().size(), s.allocations().size());
        assertEquals(r, engine.placeBatch(state, reqs, BatchOptions.defaults()));
    }
}
