package io.edgefleet.agent.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgefleet.events.plan.SiteNetwork;
import org.junit.jupiter.api.Test;

/** The site's management network in the inventory file (ADR 0020): read, written, and refused when wrong. */
class SiteNetworkInFileTest {
    private static final String HOSTS = """
            "hosts": [{"id": "h1", "failureDomain": "rack-a", "state": "READY", "capabilities": [],
              "cpuAllocationRatio": 1.0, "reserved": {"cores": 0, "memoryMib": 0},
              "numaNodes": [{"id": 0, "cores": 4, "memoryMib": 8192, "hugepages1Gi": 0}]}]""";

    private static SiteInventory parse(String network) {
        return SiteInventory.parse("{\"siteId\": \"s1\", \"region\": \"r\", " + (network == null ? ""
                : "\"network\": " + network + ", ") + HOSTS + "}", "site.json");
    }

    private static String refusal(String network) {
        return assertThrows(InventoryFormatException.class, () -> parse(network)).getMessage();
    }

    @Test
    void readsAndWritesTheNetwork() {
        SiteInventory site = parse("""
                {"subnet": "10.42.0.0/24", "gateway": "10.42.0.1", "firstAddress": "10.42.0.10",
                 "lastAddress": "10.42.0.200", "bridge": "br-mgmt", "vlan": 42, "mtu": 9000}""");
        assertEquals(new SiteNetwork("10.42.0.0/24", "10.42.0.1", "10.42.0.10", "10.42.0.200", "br-mgmt", 42, 9000),
                site.network());
        assertEquals(site, SiteInventory.parse(site.toJson(), "round trip"));
        assertNull(parse(null).network(), "a file without network has none");
        assertEquals(parse(null), SiteInventory.parse(parse(null).toJson(), "round trip"));
    }

    @Test
    void refusesWhatPlacementWouldRefuseNamingTheField() {
        String ok = "\"gateway\": \"10.42.0.1\", \"firstAddress\": \"10.42.0.10\", \"lastAddress\": \"10.42.0.200\","
                + " \"bridge\": \"br-mgmt\"";
        assertEquals("site.json: network.subnet: '10.42.0.7/24' has host bits set (write the network address)",
                refusal("{\"subnet\": \"10.42.0.7/24\", " + ok + "}"));
        assertEquals("site.json: network.subnet: '10.42.0/24' is not an IPv4 CIDR such as 10.42.0.0/24",
                refusal("{\"subnet\": \"10.42.0/24\", " + ok + "}"));
        assertEquals("site.json: network.firstAddress: 10.43.0.10 is not a host address of 10.42.0.0/24",
                refusal("{\"subnet\": \"10.42.0.0/24\", " + ok.replace("10.42.0.10", "10.43.0.10") + "}"));
        assertEquals("site.json: network.lastAddress: 10.42.0.255 is not a host address of 10.42.0.0/24",
                refusal("{\"subnet\": \"10.42.0.0/24\", " + ok.replace("10.42.0.200", "10.42.0.255") + "}"));
        assertEquals("site.json: network.lastAddress: must not come before firstAddress",
                refusal("{\"subnet\": \"10.42.0.0/24\", " + ok.replace("10.42.0.200", "10.42.0.5") + "}"));
        assertEquals("site.json: network.vlan: must be an 802.1Q id within [1, 4094], got 5000",
                refusal("{\"subnet\": \"10.42.0.0/24\", " + ok + ", \"vlan\": 5000}"));
        assertEquals("site.json: network.brige: unknown field (expected one of subnet, gateway, firstAddress,"
                + " lastAddress, bridge, vlan, mtu)", refusal("{\"subnet\": \"10.42.0.0/24\", "
                + ok.replace("bridge", "brige") + "}"));
    }
}
