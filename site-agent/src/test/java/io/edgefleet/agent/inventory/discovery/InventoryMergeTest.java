package io.edgefleet.agent.inventory.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host's own values win for cores, memory, hugepages and VFs; the file's for the rest. */
class InventoryMergeTest {
    private static final DiscoveredHost TWO_SOCKET = HostDiscoveryTest.fixture("two-socket");

    private static Host declared(List<NumaNode> nodes, Map<String, String> physnets) {
        return new Host("h1", "rack-a", HostState.CORDONED, Set.of("microvm", "sriov:physnet-a"), 4.0,
                new ReservedShare(4, 16384), 1800, nodes, physnets);
    }

    /** The two-socket fixture's cores: each named by its lowest CPU (its sibling is that id + 32). */
    static final List<Integer> CORES_0 = java.util.stream.IntStream.rangeClosed(0, 15).boxed().toList();
    static final List<Integer> CORES_1 = java.util.stream.IntStream.rangeClosed(16, 31).boxed().toList();

    @Test
    void aFileWithoutNodesGetsTheHostsNodesAndNamesThePfsVfsByItsPhysnet() {
        InventoryMerge.Merged merged = InventoryMerge.merge(declared(List.of(), Map.of("ens2f0", "physnet-a")), TWO_SOCKET);

        assertEquals(List.of(), merged.differences());
        Host h = merged.host();
        assertEquals(List.of(new NumaNode(0, 16, 196471564L / 1024, 16, Map.of(), CORES_0),
                new NumaNode(1, 16, 198148164L / 1024, 16, Map.of("physnet-a", 8), CORES_1)), h.numaNodes(),
                "the discovered core ids come along");
        assertEquals(declared(List.of(), Map.of("ens2f0", "physnet-a")).withNumaNodes(h.numaNodes()), h,
                "failure domain, state, capabilities, reserve, ratio, disk and physnets come from the file");
        assertEquals((32 - 4) * 4, h.microVmVcpuCapacity());
    }

    @Test
    void everyValueTheFileHasWrongIsListedAndTheHostsValueIsUsed() {
        List<NumaNode> stale = List.of(new NumaNode(0, 32, 131072, 8, Map.of("physnet-a", 4)));
        InventoryMerge.Merged merged = InventoryMerge.merge(
                declared(stale, Map.of("ens2f0", "physnet-a", "ens9f1", "physnet-b")), TWO_SOCKET);

        assertEquals(List.of(
                "physnetsByPf names ens9f1 (physnet-b) but the host has no SR-IOV PF of that name",
                "the file lists NUMA nodes [0], the host has [0, 1]",
                "NUMA node 0: cores is 32 in the file, 16 on the host",
                "NUMA node 0: memoryMib is 131072 in the file, " + 196471564L / 1024 + " on the host",
                "NUMA node 0: hugepages1Gi is 8 in the file, 16 on the host",
                "NUMA node 0: vfsByPhysnet is {physnet-a=4} in the file, {} on the host"), merged.differences());
        assertEquals(2, merged.host().numaNodes().size());
        assertEquals(Map.of("physnet-a", 8), merged.host().numaNodes().get(1).vfsByPhysnet());
    }

    @Test
    void aPfWithoutPhysnetOffersNoVfAndSaysSo() {
        InventoryMerge.Merged merged = InventoryMerge.merge(declared(List.of(), Map.of("eno1", "physnet-x")), TWO_SOCKET);
        assertEquals(List.of(
                "SR-IOV PF ens2f0 has 8 VFs on NUMA node 1 but physnetsByPf names no physnet for it: its VFs are not offered",
                "physnetsByPf names eno1 (physnet-x) but the host has no SR-IOV PF of that name"), merged.differences());
        assertEquals(List.of(Map.of(), Map.of()),
                merged.host().numaNodes().stream().map(NumaNode::vfsByPhysnet).toList());
    }

    @Test
    void aFileNamingNoPfKeepsItsOwnVfCountsBecauseOnlyItKnowsTheNames() {
        List<NumaNode> file = List.of(new NumaNode(0, 16, 196471564L / 1024, 16, Map.of()),
                new NumaNode(1, 16, 198148164L / 1024, 16, Map.of("physnet-a", 6)));
        InventoryMerge.Merged merged = InventoryMerge.merge(declared(file, Map.of()), TWO_SOCKET);
        assertEquals(List.of(new NumaNode(0, 16, 196471564L / 1024, 16, Map.of(), CORES_0),
                new NumaNode(1, 16, 198148164L / 1024, 16, Map.of("physnet-a", 6), CORES_1)), merged.host().numaNodes());
        assertEquals(1, merged.differences().size());
        assertEquals("SR-IOV PF ens2f0 has 8 VFs on NUMA node 1, but the file has no physnetsByPf, so the file's"
                + " vfsByPhysnet are offered unchanged (name the PF's physnet to offer what it has)",
                merged.differences().get(0));
    }

    @Test
    void aReserveLargerThanTheHostsCoresIsRefused() {
        Host greedy = new Host("h1", "rack-a", HostState.READY, Set.of(), 1.0, new ReservedShare(40, 0), 0, List.of());
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> InventoryMerge.merge(greedy, TWO_SOCKET));
        assertEquals("host h1: the inventory file reserves 40 cores but the host has 32 physical cores", e.getMessage());
    }
}
