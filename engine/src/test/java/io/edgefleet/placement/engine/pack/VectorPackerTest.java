package io.edgefleet.placement.engine.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorPackerTest {

    @Test
    void complementaryItemsArePairedIntoTheOptimum() {
        // 4 CPU-heavy and 4 memory-heavy items: FFD-like orderings by size place the heavy ones
        // together badly; the optimum pairs one of each per bin (4 bins).
        long[][] items = new long[8][];
        for (int i = 0; i < 4; i++) {
            items[i] = new long[] {70, 25};
            items[4 + i] = new long[] {25, 70};
        }
        Packing p = new VectorPacker(100, 1).pack(new PackingProblem(new long[] {100, 100}, items));
        assertEquals(4, p.bins());
        assertTrue(p.optimal());
    }

    @Test
    void randomInstancesArePackedValidlyBetweenLowerBoundAndOneBinPerItem() {
        Random rnd = new Random(5);
        for (int t = 0; t < 40; t++) {
            int d = 1 + rnd.nextInt(4);
            int n = 1 + rnd.nextInt(60);
            long[] cap = new long[d];
            for (int j = 0; j < d; j++) {
                cap[j] = 50 + rnd.nextInt(100);
            }
            long[][] items = new long[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    items[i][j] = rnd.nextInt((int) cap[j] + 1);
                }
            }
            PackingProblem problem = new PackingProblem(cap, items);
            Packing p = new VectorPacker(5, t).pack(problem);
            assertNull(p.violation(problem), "instance " + t);
            assertTrue(p.bins() >= p.lowerBound() && p.bins() <= n);
        }
    }

    @Test
    void violationSpotsAnOverfullBin() {
        PackingProblem problem = new PackingProblem(new long[] {10}, new long[][] {{6}, {6}});
        assertEquals("bin 0 exceeds dimension 0", new Packing(new int[] {0, 0}, 1, 1).violation(problem));
        assertNull(new Packing(new int[] {0, 1}, 2, 2).violation(problem));
    }
}
