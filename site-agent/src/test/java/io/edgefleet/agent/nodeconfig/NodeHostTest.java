package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import io.edgefleet.agent.inventory.discovery.DiscoveredHost;
import io.edgefleet.agent.inventory.discovery.DiscoveredNumaNode;
import io.edgefleet.agent.inventory.discovery.SriovPf;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A node host built from the agent's inventory entry and what discovery found on the machine. */
class NodeHostTest {

    @Test
    void takesCpuIdsMemoryAndPfsFromDiscoveryAndReserveAndPhysnetsFromTheInventory() {
        Host declared = new Host("node-a", "rack-1", HostState.READY, Set.of("sriov:physnet-a"), 1.0,
                new ReservedShare(2, 4096), 0, List.of(new NumaNode(0, 4, 65536, 8, Map.of())),
                Map.of("ens1f0", "physnet-a"));
        DiscoveredHost found = new DiscoveredHost(List.of(
                new DiscoveredNumaNode(0, List.of(0, 1, 2, 3, 8, 9, 10, 11), 4, 65536, 8),
                new DiscoveredNumaNode(1, List.of(4, 5, 6, 7, 12, 13, 14, 15), 4, 65536, 0)),
                true, 131072, List.of(new SriovPf("ens1f0", 0, 64, 8), new SriovPf("eno1", 0, 8, 2)));

        NodeHost host = NodeHost.from(declared, found, Set.of(2, 3, 4, 5), 16384);

        assertEquals("node-a", host.hostId());
        assertEquals(Set.of(0, 1), host.systemReservedCpus(), "the lowest online ids, as the microVM cpuset keeps free");
        assertEquals(Set.of(2, 3, 4, 5), host.microVmCpus());
        assertEquals(List.of(new NodeNuma(0, new TreeSet<>(List.of(0, 1, 2, 3, 8, 9, 10, 11)), 65536 - 8192),
                new NodeNuma(1, new TreeSet<>(List.of(4, 5, 6, 7, 12, 13, 14, 15)), 65536)), host.numaNodes());
        assertEquals(List.of(new PhysnetPf("physnet-a", "ens1f0", 8)), host.pfs(), "eno1 has no physnet: not ours");
        assertEquals(MemoryReserve.withDefaults(4096, 16384), host.memory());
        assertEquals("0-5", KubeletPinningConfig.reservedSystemCpus(host));
    }

    @Test
    void theSystemReservesWholePhysicalCoresWithTheirSiblings() {
        Host declared = new Host("node-b", "rack-1", HostState.READY, Set.of(), 1.0, new ReservedShare(2, 4096), 0,
                List.of(new NumaNode(0, 4, 65536, 0, Map.of())), Map.of());
        DiscoveredHost found = new DiscoveredHost(List.of(new DiscoveredNumaNode(0, List.of(0, 1, 2, 3, 4, 5, 6, 7), 4,
                65536, 0, List.of(List.of(0, 4), List.of(1, 5), List.of(2, 6), List.of(3, 7)))), true, 65536, List.of());

        NodeHost host = NodeHost.from(declared, found, Set.of(2, 6), 0);

        assertEquals(Set.of(0, 1, 4, 5), host.systemReservedCpus(), "cores 0 and 1 with their hardware threads 4 and 5");
        assertEquals(List.of(List.of(0, 4), List.of(1, 5), List.of(2, 6), List.of(3, 7)), found.cores());
    }
}
