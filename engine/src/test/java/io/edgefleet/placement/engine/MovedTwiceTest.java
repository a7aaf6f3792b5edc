package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Holders.cp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A holder moved twice within one decision (two NF replicas displacing the same control plane
 * one after the other) is one move: released once from where it was, placed once where it
 * ends. Before this was fixed, the intermediate copy was "released" too and the decision could
 * not be applied.
 */
class MovedTwiceTest {

    @Test
    void secondMoveReplacesTheFirstInsteadOfReleasingIt() {
        SiteState state = SiteState.of(site(3, 3), List.of(cp("x", 0, "h1", 2, 2_048)));
        Scratch s = new Scratch(state);
        assertNull(Relocator.move(s, state.allocation("x/cp-0"), false));
        Allocation first = s.placed.get(0);
        // h1 is empty now, h2 and h3 are empty too: the second move may even go back to h1
        assertNull(Relocator.move(s, first, false));
        Decision d = s.decision();
        SiteState after = d.applyTo(state);
        String end = after.allocation("x/cp-0").hostId();
        assertNotEquals(first.hostId(), end);
        if (end.equals("h1")) {
            assertEquals(List.of(), d.placed(), "back where it was: no move at all");
            assertEquals(List.of(), d.released());
        } else {
            assertEquals(1, d.placed().size());
            assertEquals(List.of(state.allocation("x/cp-0")), d.released());
        }
        assertNull(Invariants.check(after));
    }
}
