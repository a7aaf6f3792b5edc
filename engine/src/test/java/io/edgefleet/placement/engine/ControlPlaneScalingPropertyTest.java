package io.edgefleet.placement.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random control-plane scalings on random churned sites (seeded): the replica count becomes
 * the target, new replicas avoid their siblings' hosts (and failure domains when the site has
 * enough), scaling down releases exactly the highest indexes, and every rule holds after.
 */
class ControlPlaneScalingPropertyTest {

    private final PlacementEngine engine = new PlacementEngine();

    static Stream<Long> seeds() {
        return IntStream.range(0, 100).mapToObj(i -> 11_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scalingKeepsSpreadAndRemovesTheNewest(long seed) {
        Random rnd = new Random(seed);
        SiteState state = ChurnedSites.build(rnd, 10 + rnd.nextInt(30));
        for (int step = 0; step < 6; step++) {
            List<String> clusters = state.allocations().stream()
                    .filter(a -> a.kind() == HolderKind.CONTROL_PLANE).map(Allocation::ownerId)
                    .distinct().sorted().toList();
            if (clusters.isEmpty()) {
                return;
            }
            String c = clusters.get(rnd.nextInt(clusters.size()));
            int target = 1 + 2 * rnd.nextInt(3);
            List<Allocation> before = cps(state, c);
            Decision d = engine.scaleControlPlane(state, c, target, null);
            String at = "seed " + seed + " step " + step + " " + c + " -> " + target;
            if (!d.accepted()) {
                assertTrue(target > before.size(), at + ": shrinking always works");
                assertFalse(d.rejection().message().isBlank());
                continue;
            }
            SiteState after = d.applyTo(state);
            assertNull(Invariants.check(after), at);
            assertEquals(target, cps(after, c).size(), at);
            if (target < before.size()) {
                int maxKept = cps(after, c).stream().mapToInt(ControlPlaneScalingPropertyTest::index).max().orElseThrow();
                assertTrue(d.released().stream().allMatch(a -> index(a) > maxKept), at + ": newest removed");
            }
            Set<String> readyFds = new HashSet<>();
            for (int h = 0; h < state.hostCount(); h++) {
                if (state.host(h).acceptsMicroVms()) {
                    readyFds.add(state.host(h).host().failureDomain());
                }
            }
            if (target > before.size() && readyFds.size() >= target) {
                Set<String> oldFds = new HashSet<>();
                for (Allocation a : before) {
                    oldFds.add(fd(state, a));
                }
                Set<String> newFds = new HashSet<>();
                for (Allocation a : d.placed()) {
                    assertFalse(oldFds.contains(fd(state, a)), at + ": new replica joins a sibling's rack");
                    assertTrue(newFds.add(fd(state, a)), at + ": two new replicas share a rack");
                }
            }
            state = after;
        }
    }

    private static List<Allocation> cps(SiteState s, String c) {
        return s.allocationsOf(c).stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE).toList();
    }

    private static String fd(SiteState s, Allocation a) {
        return s.host(a.hostId()).host().failureDomain();
    }

    private static int index(Allocation a) {
        return Integer.parseInt(a.holderId().substring(a.holderId().lastIndexOf('-') + 1));
    }
}
