package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.cluster;
import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster-count dimension of a team quota, and what a rejection says about usage. */
class TeamQuotaTest {
    private static final long NO = TeamQuota.NONE;
    private final PlacementEngine engine = new PlacementEngine();

    private static TeamQuota clusters(long limit, long used) {
        return new TeamQuota("team-a", new TeamUsage(NO, NO, NO, NO, NO, limit),
                new TeamUsage(0, 0, 0, 0, 0, used));
    }

    @Test
    void aCreateCountsOneClusterAgainstTheLimit() {
        SiteState state = empty(site(3, 3));
        Decision d = engine.createCluster(state, cluster("c1", 1, Workers.none()), clusters(2, 2));
        assertEquals(RejectionCode.QUOTA_EXCEEDED, d.rejection().code());
        assertEquals("team team-a quota exceeded: clusters needs 1, used 2 of 2", d.rejection().message());
        assertTrue(engine.createCluster(state, cluster("c1", 1, Workers.none()), clusters(2, 1)).accepted());
    }

    @Test
    void aScaleNeedsNoClusterRoom() {
        SiteState state = empty(site(3, 3));
        SiteState one = engine.createCluster(state, cluster("c1", 1, Workers.none())).applyTo(state);
        Decision d = engine.scaleControlPlane(one, "c1", 3, clusters(1, 1));
        assertTrue(d.accepted(), () -> d.rejection().toString());
    }

    @Test
    void aBatchCountsTheClustersItCreates() {
        SiteState state = empty(site(4, 2));
        BatchResult r = engine.placeBatch(state, List.of(cluster("a", 1, Workers.none()),
                cluster("b", 1, Workers.none()), cluster("c", 1, Workers.none())),
                Map.of("team-a", clusters(3, 1)), BatchOptions.defaults());
        assertEquals(2, r.accepted());
    }

    @Test
    void aTeamOverItsLowerLimitMayStillShrink() {
        SiteState state = empty(site(6, 3));
        SiteState three = engine.createCluster(state, cluster("c1", 3, Workers.none())).applyTo(state);
        TeamQuota lowered = new TeamQuota("team-a", new TeamUsage(2, NO, NO, NO, NO, NO),
                TeamUsage.of("team-a", three.allocations()));
        assertTrue(engine.scaleControlPlane(three, "c1", 1, lowered).accepted());
        Decision grow = engine.scaleControlPlane(three, "c1", 5, lowered);
        assertEquals("team team-a quota exceeded: vcpu needs 4, used 6 of 2", grow.rejection().message());
    }

    @Test
    void noLimitNeverOverflowsIntoARefusal() {
        SiteState state = empty(site(3, 3));
        TeamQuota none = new TeamQuota("team-a", TeamQuota.unlimited("team-a").limit(),
                new TeamUsage(5, 5, 5, 5, 5, 5));
        assertTrue(engine.createCluster(state, cluster("c1", 3, Workers.none()), none).accepted());
    }
}
