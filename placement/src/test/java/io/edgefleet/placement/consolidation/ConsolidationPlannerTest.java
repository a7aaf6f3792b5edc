package io.edgefleet.placement.consolidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.Workers;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consolidation policy and the stale-plan check on a hand-built site: the one the service
 * tests build over Kafka (three hosts of 108 GiB usable, two clusters of 100 GiB, a small one, the
 * first big one deleted).
 */
class ConsolidationPlannerTest {
    private static final PlacementEngine ENGINE = new PlacementEngine();
    private final ConsolidationPlanner planner = new ConsolidationPlanner(Duration.ofSeconds(1));

    static Host host(int i) {
        List<NumaNode> numa = List.of(new NumaNode(0, 16, 57344, 8, Map.of()), new NumaNode(1, 16, 57344, 8, Map.of()));
        return new Host("h" + i, "rack-" + (i % 2 + 1), HostState.READY, Set.of(Host.MICROVM), numa,
                new SystemReserve(2, 4096), 4.0, 1800);
    }

    static ClusterRequest cluster(String id, long workerMib) {
        return new ClusterRequest(id, "team-a", 1, new MicroVmSize(2, 4096, 20),
                Workers.microVms(1, new MicroVmSize(4, workerMib, 40)));
    }

    /**
     * Two big clusters and a small one on three hosts, then the first big one deleted: its host keeps
     * the control planes of the other two, which fit beside the big workers elsewhere.
     */
    static SiteState fragmented() {
        SiteState s = SiteState.of(new Site("s1", List.of(host(1), host(2), host(3))), List.of());
        for (ClusterRequest r : List.of(cluster("c-1", 98304), cluster("c-2", 98304), cluster("c-3", 4096))) {
            Decision d = ENGINE.createCluster(s, r);
            assertTrue(d.accepted(), String.valueOf(d.rejection()));
            s = d.applyTo(s);
        }
        return ENGINE.deleteCluster(s, "c-1").applyTo(s);
    }

    @Test
    void plansTheTwoMovesThatEmptyTheFirstHost() {
        SiteState s = fragmented();
        ConsolidationPlanner.Plan plan = planner.plan(s, null);
        assertEquals(List.of("h1"), plan.hostsToFree(), "STATE " + s.allocations() + " PLAN " + plan);
        assertEquals(2, plan.hostsInUseBefore());
        assertEquals(1, plan.hostsInUseAfter());
        assertEquals(2, s.allocationsOn("h1").size(), s.allocations().toString());
        assertEquals(2, plan.moves().size(), plan.moves().toString());
        for (PlannedMove m : plan.moves()) {
            assertEquals("h1", m.fromHostId());
            assertFalse(m.toHostId().equals("h1"));
            assertEquals(s.allocation(m.holderId()).hostId(), m.fromHostId());
        }
        assertEquals(Optional.empty(), PlanCheck.stale(s, plan.moves(), plan.hostsToFree()));
    }

    @Test
    void aCapOfOneMoveFreesNothingWhenTheHostNeedsTwo() {
        SiteState s = fragmented();
        ConsolidationPlanner.Plan plan = planner.plan(s, 1);
        assertTrue(plan.moves().isEmpty(), plan.moves().toString());
        assertEquals(List.of(), plan.hostsToFree());
        assertEquals(2, plan.hostsInUseAfter());
    }

    @Test
    void aPlanGoesStaleWhenItsHolderGoesOrItsTargetFillsUp() {
        SiteState s = fragmented();
        ConsolidationPlanner.Plan plan = planner.plan(s, null);
        SiteState gone = ENGINE.deleteCluster(s, plan.moves().get(0).ownerId()).applyTo(s);
        assertTrue(PlanCheck.stale(gone, plan.moves(), plan.hostsToFree()).orElseThrow().endsWith(" is gone"));

        // A new cluster takes the target's last room: the moves no longer fit there.
        String target = plan.moves().get(0).toHostId();
        List<Allocation> more = new ArrayList<>(s.allocations());
        more.add(new Allocation("c-9/w-0", io.edgefleet.placement.engine.model.HolderKind.WORKER_VM, "c-9", "team-a",
                target, Allocation.ANY_NUMA, io.edgefleet.placement.engine.model.Resources.microVm(2, 4096, 10)));
        SiteState full = SiteState.of(s.site(), more);
        assertTrue(PlanCheck.stale(full, plan.moves(), plan.hostsToFree()).orElseThrow()
                .startsWith("host " + target + " has no room left for"));
    }
}
