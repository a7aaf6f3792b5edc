package io.edgefleet.agent.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.inventory.discovery.DiscoveredHost;
import io.edgefleet.agent.inventory.discovery.DiscoveredNumaNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The inventory a host agent offers: checked against its site and host, its own host discovered. */
class AgentInventoryTest {
    private static final DiscoveredHost FOUND = new DiscoveredHost(
            List.of(new DiscoveredNumaNode(0, List.of(0, 1, 2, 3), 2, 8192, 1)), true, 8192, List.of());
    private static final Supplier<DiscoveredHost> NEVER = () -> {
        throw new AssertionError("nothing may be discovered here");
    };

    /** h1 lists its nodes; h2 leaves them to discovery. */
    private static SiteInventory file() {
        return SiteInventory.parse("""
                {"siteId": "s1", "region": "r", "hosts": [
                  {"id": "h1", "failureDomain": "rack-a", "state": "READY", "capabilities": ["microvm"],
                   "cpuAllocationRatio": 2.0, "reserved": {"cores": 1, "memoryMib": 1024},
                   "numaNodes": [{"id": 0, "cores": 8, "memoryMib": 16384, "hugepages1Gi": 0}]},
                  {"id": "h2", "failureDomain": "rack-b", "state": "READY", "capabilities": ["microvm"],
                   "cpuAllocationRatio": 2.0, "reserved": {"cores": 1, "memoryMib": 1024},
                   "physnetsByPf": {"ens2f0": "physnet-a"}}]}""", "site.json");
    }

    @Test
    void aHostAgentDiscoversItsOwnHostAndLeavesTheOthersAsTheFileSaysThem() {
        AgentInventory.Prepared p = AgentInventory.prepare(file(), "site.json", "s1", Optional.of("h2"), true, () -> FOUND);
        assertEquals(List.of(new NumaNode(0, 2, 8192, 1, Map.of())), p.inventory().host("h2").orElseThrow().numaNodes());
        assertEquals("rack-b", p.inventory().host("h2").orElseThrow().failureDomain());
        assertEquals(file().host("h1"), p.inventory().host("h1"));
        assertEquals(List.of("physnetsByPf names ens2f0 (physnet-a) but the host has no SR-IOV PF of that name"),
                p.differences());
    }

    @Test
    void discoveryIsOnByDefaultExactlyForAHostAgent() {
        assertTrue(AgentInventory.discovers(Optional.of("h1"), Optional.empty()));
        assertFalse(AgentInventory.discovers(Optional.empty(), Optional.empty()));
        assertFalse(AgentInventory.discovers(Optional.of("h1"), Optional.of(false)));
        SiteInventory unchanged = file();
        AgentInventory.Prepared off = AgentInventory.prepare(unchanged, "site.json", "s1", Optional.of("h1"), false, NEVER);
        assertEquals(unchanged, off.inventory());
    }

    @Test
    void anUnknownHostIdIsAClearErrorNamingTheSitesHosts() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AgentInventory.prepare(file(), "site.json", "s1", Optional.of("h9"), true, NEVER));
        assertEquals("edgefleet.agent.host-id=h9 is not a host of site s1 in site.json (its hosts: [h1, h2])",
                e.getMessage());
    }

    @Test
    void aHostWithoutNodesNeedsItsOwnAgentToDiscoverThem() {
        IllegalStateException siteWide = assertThrows(IllegalStateException.class,
                () -> AgentInventory.prepare(file(), "site.json", "s1", Optional.empty(), false, NEVER));
        assertEquals("inventory file site.json: host h2 lists no numaNodes; list them, or let its own agent discover"
                + " them (edgefleet.agent.host-id=h2, edgefleet.agent.inventory.discover=true)", siteWide.getMessage());
        assertThrows(IllegalStateException.class,
                () -> AgentInventory.prepare(file(), "site.json", "s1", Optional.of("h2"), false, NEVER));
        SiteInventory ok = AgentInventory.prepare(file(), "site.json", "s1", Optional.of("h1"), false, NEVER).inventory();
        assertTrue(ok.host("h2").orElseThrow().numaNodes().isEmpty(), "another host's nodes are its own agent's business");
    }

    @Test
    void discoveryWithoutAHostIdAndAnotherSitesFileAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AgentInventory.prepare(file(), "site.json", "s1", Optional.empty(), true, NEVER));
        assertTrue(e.getMessage().startsWith("edgefleet.agent.inventory.discover=true needs edgefleet.agent.host-id"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> AgentInventory.prepare(file(), "site.json", "s2", Optional.empty(), false, NEVER));
        assertEquals("inventory file site.json describes site s1 but this agent runs site s2", e.getMessage());
    }

    @Test
    void theFileFormatReadsAndWritesPhysnetsAndLeftOutNodes() {
        SiteInventory site = file();
        assertEquals(Map.of("ens2f0", "physnet-a"), site.host("h2").orElseThrow().physnetsByPf());
        assertEquals(site, SiteInventory.parse(site.toJson(), "round trip"));
    }
}
