package io.edgefleet.placement.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.HostState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random bursts on random churned sites (seeded): the batch never accepts fewer requests than
 * one-by-one placement in arrival order, each request is all or nothing, new allocations go
 * to READY hosts only, and the site after the batch keeps every rule.
 */
class BatchPropertyTest {

    private final PlacementEngine engine = new PlacementEngine();

    static Stream<Long> seeds() {
        return IntStream.range(0, 100).mapToObj(i -> 9_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void batchKeepsEveryRuleAndBeatsArrivalOrder(long seed) {
        Random rnd = new Random(seed);
        SiteState state = ChurnedSites.build(rnd, rnd.nextInt(30));
        List<ClusterRequest> reqs = new ArrayList<>();
        for (int i = 0, n = 2 + rnd.nextInt(12); i < n; i++) {
            reqs.add(ChurnedSites.randomCluster(rnd, "b" + i));
        }
        BatchOptions o = new BatchOptions(Duration.ofSeconds(30), 40, seed);
        BatchResult r = engine.placeBatch(state, reqs, o);

        int arrival = 0;
        SiteState one = state;
        for (ClusterRequest req : reqs) {
            Decision d = engine.createCluster(one, req);
            if (d.accepted()) {
                arrival++;
                one = d.applyTo(one);
            }
        }
        assertEquals(arrival, r.acceptedInArrivalOrder(), "seed " + seed);
        assertTrue(r.accepted() >= arrival, "seed " + seed + ": batch " + r.accepted() + " < " + arrival);

        SiteState s = state;
        for (int i : r.order()) {
            Decision d = r.decisions().get(i);
            ClusterRequest req = reqs.get(i);
            if (!d.accepted()) {
                assertTrue(d.placed().isEmpty() && d.released().isEmpty());
                assertFalse(d.rejection().message().isBlank());
                continue;
            }
            assertTrue(d.released().isEmpty(), "a batch only places");
            long cps = d.placed().stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE).count();
            long workers = d.placed().stream().filter(a -> a.kind() != HolderKind.CONTROL_PLANE).count();
            assertEquals(req.controlPlaneReplicas(), cps, "seed " + seed + ": " + req.clusterId());
            assertEquals(req.workers().count(), workers, "seed " + seed + ": " + req.clusterId());
            for (Allocation a : d.placed()) {
                assertEquals(HostState.READY, state.host(a.hostId()).host().state());
                assertEquals(req.clusterId(), a.ownerId());
            }
            s = d.applyTo(s);
        }
        assertNull(Invariants.check(s), "seed " + seed);
        assertEquals(s.allocations().size(), r.combined().applyTo(state).allocations().size());
        assertEquals(r, engine.placeBatch(state, reqs, o), "seed " + seed + ": same seed, same result");
    }
}
