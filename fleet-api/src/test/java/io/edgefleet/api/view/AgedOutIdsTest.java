package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The aged-out ids: one to two generations remembered in fixed tables, then forgotten. */
class AgedOutIdsTest {
    @Test
    void theNewestGenerationsAreRememberedAndOlderOnesForgotten() {
        AgedOutIds ids = new AgedOutIds(1000);
        for (int i = 0; i < 3000; i++) {
            ids.add("r" + i);
        }
        // Generations: 0–999 (forgotten), 1000–1999 (previous), 2000–2999 (current).
        for (int i = 1000; i < 3000; i++) {
            assertTrue(ids.contains("r" + i), "r" + i);
        }
        int stillKnown = 0;
        for (int i = 0; i < 1000; i++) {
            stillKnown += ids.contains("r" + i) ? 1 : 0;
        }
        assertEquals(0, stillKnown);
        assertFalse(ids.contains("never"));
    }

    @Test
    void addingAnIdTwiceTakesOneSlot() {
        AgedOutIds ids = new AgedOutIds(2);
        ids.add("a");
        ids.add("a");
        ids.add("b");
        ids.add("c"); // rotates: a and b become the previous generation
        assertTrue(ids.contains("a") && ids.contains("b") && ids.contains("c"));
    }

    @Test
    void fingerprintsOfSimilarIdsDiffer() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long fp = AgedOutIds.fingerprint("/fleet-api#" + i);
            assertNotEquals(0L, fp);
            seen.add(fp);
        }
        assertEquals(200_000, seen.size());
    }
}
