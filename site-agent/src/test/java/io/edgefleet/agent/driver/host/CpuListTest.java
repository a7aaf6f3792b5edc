package io.edgefleet.agent.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuListTest {
    @Test
    void parsesAndFormatsTheKernelsListFormat() {
        assertEquals(Set.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse("0-3,8,10-11\n"));
        assertEquals("0-3,8,10-11", CpuList.format(Set.of(11, 10, 8, 3, 2, 1, 0)));
        assertEquals(Set.of(), CpuList.parse(""));
        assertEquals("", CpuList.format(Set.of()));
        assertEquals("5", CpuList.format(Set.of(5)));
    }

    @Test
    void aBadListNamesTheBadPart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0-3,x"));
        assertEquals("bad CPU list part 'x' in '0-3,x'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("5-2"));
    }

    @Test
    void microVmCoresAreTheOnlineOnesMinusTheLowestReservedAndThePinned() {
        assertEquals(Set.of(2, 3, 6, 7), MicroVmCores.allowed(Set.of(0, 1, 2, 3, 4, 5, 6, 7), 2, Set.of(4, 5)));
        assertEquals(Set.of(1), MicroVmCores.allowed(Set.of(0, 1), 1, Set.of()));
        assertEquals(Set.of(), MicroVmCores.allowed(Set.of(0, 1), 1, Set.of(1)));
    }

    @Test
    void reserveAndPinsTakeWholeCoresWithTheirHardwareThreadSiblings() {
        // 4 cores of two threads each, numbered as Linux numbers a one-socket SMT machine: core i is CPUs i and i+4
        java.util.List<java.util.List<Integer>> cores = java.util.List.of(java.util.List.of(0, 4),
                java.util.List.of(1, 5), java.util.List.of(2, 6), java.util.List.of(3, 7));
        assertEquals(Set.of(1, 5, 3, 7), MicroVmCores.allowed(cores, 1, Set.of(2)), "core 2 pinned: CPU 6 goes with it");
        assertEquals(Set.of(1, 5, 3, 7), MicroVmCores.allowed(cores, 1, Set.of(6)), "a sibling's id names the same core");
        assertEquals(Set.of(3, 7), MicroVmCores.allowed(cores, 2, Set.of(2)));
    }
}
