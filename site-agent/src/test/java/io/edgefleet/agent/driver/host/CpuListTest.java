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
}
