package io.edgefleet.localstack.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files `fleet up --driver qemu` writes for its agents and the demo it submits. */
class RealGuestFleetFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void siteInventoryNamesTheSiteNetworkOnItsOwnBridgeAndReservesNoCore(@TempDir Path dir) throws Exception {
        Path file = SiteInventories.write(dir, "edge-par-02", QemuFleet.networkJson(2), 0);
        JsonNode inventory = JSON.readTree(file.toFile());
        JsonNode network = inventory.path("network");
        assertEquals("10.200.2.0/24", network.path("subnet").asText());
        assertEquals("10.200.2.1", network.path("gateway").asText());
        assertEquals("10.200.2.10", network.path("firstAddress").asText());
        assertEquals("10.200.2.250", network.path("lastAddress").asText());
        assertEquals("efbr2", network.path("bridge").asText());
        assertEquals(6, inventory.path("hosts").size());
        for (JsonNode host : inventory.path("hosts")) {
            assertEquals(0, host.path("reserved").path("cores").asInt(-1));
        }
        assertEquals(List.of("edge-par-02-h1", "edge-par-02-h2", "edge-par-02-h3", "edge-par-02-h4", "edge-par-02-h5", "edge-par-02-h6"),
                SiteInventories.hostIds("edge-par-02"));
    }

    @Test
    void simulatedSiteInventoryStaysWithoutNetworkAndWithItsReserve(@TempDir Path dir) throws Exception {
        JsonNode inventory = JSON.readTree(SiteInventories.write(dir, "edge-par-01").toFile());
        assertFalse(inventory.has("network"));
        assertEquals(4, inventory.path("hosts").get(0).path("reserved").path("cores").asInt());
    }

    @Test
    void realGuestDemoIsOneControlPlaneAndOneWorkerOnEachOfTheFirstTwoSites() throws Exception {
        List<String> bodies = DemoCluster.realGuestBodies(3);
        assertEquals(2, bodies.size());
        for (int i = 0; i < 2; i++) {
            JsonNode body = JSON.readTree(bodies.get(i));
            assertEquals("demo-" + (i + 1), body.path("clusterId").asText());
            assertEquals(SiteInventories.siteId(i + 1), body.path("siteId").asText());
            assertEquals(1, body.path("controlPlane").path("replicas").asInt());
            assertEquals(1, body.path("workers").path("count").asInt());
        }
        assertEquals(1, DemoCluster.realGuestBodies(1).size());
    }

    @Test
    void aSiteBeyondTheLocalAddressSpaceIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> QemuFleet.networkJson(255));
        assertEquals("site index 255 has no local subnet (1-254)", e.getMessage());
    }
}
