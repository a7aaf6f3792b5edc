package io.edgefleet.placement.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A node's ordinary memory: its whole memory less the 1 GiB hugepage pool set aside at boot. */
class OrdinaryMemoryTest {
    @Test
    void theHugepagePoolIsNotOrdinaryMemory() {
        assertEquals(64 * 1024 - 8 * 1024, NumaNode.ordinaryMemoryMib(64 * 1024, 8));
        assertEquals(65_536, NumaNode.ordinaryMemoryMib(65_536, 0));
    }

    @Test
    void aPoolLargerThanTheReportedMemoryLeavesNothing() {
        assertEquals(0, NumaNode.ordinaryMemoryMib(1_000, 1));
    }
}
