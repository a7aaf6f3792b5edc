package io.edgefleet.placement.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgefleet.placement.engine.ledger.SiteState;
import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random fragmented sites (seeded): every repack keeps every rule ({@link RepackChecks}: no
 * host over capacity in any dimension after the moves or while they run, NUMA alignment,
 * anti-affinity and failure-domain spread, nothing onto DOWN/CORDONED/empty hosts, bare-metal
 * workers in place, moves within the cap, hosts in use never more), a second repack of the
 * result keeps them too, and the same seed gives the same result.
 */
class RepackPropertyTest {

    private final PlacementEngine engine = new PlacementEngine();

    static Stream<Long> seeds() {
        return IntStream.range(0, 150).mapToObj(i -> 7_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void repackKeepsEveryRule(long seed) {
        Random rnd = new Random(seed);
        SiteState state = ChurnedSites.build(rnd, 20 + rnd.nextInt(40));
        assertNull(Invariants.check(state), "seed " + seed + ": the churned site itself");
        // a budget no test run reaches: the restarts alone bound the work, so runs replay
        RepackOptions o = new RepackOptions(rnd.nextInt(20), 1 + rnd.nextInt(8), rnd.nextInt(4) > 0,
                Duration.ofSeconds(30), 1 + rnd.nextInt(16), seed);
        RepackResult r = engine.repackSite(state, o);
        assertNull(RepackChecks.check(state, r, o), "seed " + seed);
        assertEquals(r, engine.repackSite(state, o), "seed " + seed + ": same seed, same result");
        SiteState after = r.decision().applyTo(state);
        RepackResult again = engine.repackSite(after, o);
        assertNull(RepackChecks.check(after, again, o), "seed " + seed + ": second repack");
    }
}
