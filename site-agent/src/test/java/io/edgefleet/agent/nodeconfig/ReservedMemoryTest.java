package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Static memory manager's rule: per memory type, the NUMA nodes' reservations add up to kube-reserved +
 * system-reserved + the hard eviction threshold (kubernetes.io, "Utilizing the NUMA-aware Memory Manager").
 */
class ReservedMemoryTest {
    private static final MemoryReserve RESERVE = new MemoryReserve(2048, 8192, 1024, 500); // 11764 MiB in all

    @Test
    void splitsInProportionToOrdinaryMemoryAndAddsUpExactly() {
        List<NodeNuma> nodes = List.of(node(0, 30000), node(1, 10000));

        Map<Integer, Long> split = ReservedMemory.split("h", nodes, RESERVE);

        assertEquals(11764, RESERVE.totalMib());
        assertEquals(Map.of(0, 8823L, 1, 2941L), split); // 11764 * 3/4 = 8823, 11764 / 4 = 2941
        assertEquals(RESERVE.totalMib(), split.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void roundingLeftoversGoToTheLargestNode() {
        List<NodeNuma> nodes = List.of(node(0, 10000), node(1, 10001), node(2, 10000));

        Map<Integer, Long> split = ReservedMemory.split("h", nodes, RESERVE);

        // floor shares 3921 + 3921 + 3921 = 11763: the missing MiB goes to node 1, the largest.
        assertEquals(Map.of(0, 3921L, 1, 3922L, 2, 3921L), split);
        assertEquals(RESERVE.totalMib(), split.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aNodeWithNoOrdinaryMemoryIsLeftOutRatherThanGivenAZeroLimit() {
        Map<Integer, Long> split = ReservedMemory.split("h", List.of(node(0, 20000), node(1, 0)), RESERVE);

        assertEquals(Map.of(0, 11764L), split);
    }

    @Test
    void anUnbalancedReservationIsRefusedNamingTheFieldAndTheSums() {
        List<NodeNuma> nodes = List.of(node(0, 30000), node(1, 10000));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReservedMemory.requireBalanced("h", nodes, RESERVE, Map.of(0, 8000L, 1, 2000L)));

        assertTrue(e.getMessage().startsWith("host h: reservedMemory:"), e.getMessage());
        assertTrue(e.getMessage().contains("10000 MiB in total"), e.getMessage());
        assertTrue(e.getMessage().contains("= 11764 MiB"), e.getMessage());
    }

    @Test
    void zeroUnknownNodesAndOversizedSharesAreRefused() {
        List<NodeNuma> nodes = List.of(node(0, 30000), node(1, 10000));

        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ReservedMemory.requireBalanced("h", nodes, RESERVE, Map.of(0, 11764L, 1, 0L)));
        assertTrue(zero.getMessage().contains("reservedMemory[numaNode=1]: limits.memory must be above 0"), zero.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ReservedMemory.requireBalanced("h", nodes, RESERVE, Map.of(0, 11000L, 7, 764L)));
        assertTrue(unknown.getMessage().contains("reservedMemory[numaNode=7]: the host has no such NUMA node"),
                unknown.getMessage());

        IllegalArgumentException oversized = assertThrows(IllegalArgumentException.class,
                () -> ReservedMemory.requireBalanced("h", nodes, RESERVE, Map.of(0, 764L, 1, 11000L)));
        assertTrue(oversized.getMessage().contains("reservedMemory[numaNode=1]: 11000 MiB exceed"), oversized.getMessage());
    }

    @Test
    void aReserveLargerThanTheHostIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReservedMemory.split("h", List.of(node(0, 5000), node(1, 5000)), RESERVE));

        assertTrue(e.getMessage().contains("reservedMemory: kubeReserved + systemReserved + evictionHard (11764 MiB)"
                + " exceed the host's ordinary memory (10000 MiB)"), e.getMessage());
    }

    @Test
    void memoryReserveNamesItsFields() {
        IllegalArgumentException eviction = assertThrows(IllegalArgumentException.class,
                () -> new MemoryReserve(0, 0, 0, 0));
        assertTrue(eviction.getMessage().startsWith("evictionHard:"), eviction.getMessage());

        IllegalArgumentException kube = assertThrows(IllegalArgumentException.class,
                () -> new MemoryReserve(0, 0, -1, 100));
        assertTrue(kube.getMessage().startsWith("kubeReserved:"), kube.getMessage());
    }

    private static NodeNuma node(int id, long ordinaryMib) {
        return new NodeNuma(id, new TreeSet<>(List.of(id * 2, id * 2 + 1)), ordinaryMib);
    }
}
