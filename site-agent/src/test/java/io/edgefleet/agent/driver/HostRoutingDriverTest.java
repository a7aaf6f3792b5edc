package io.edgefleet.agent.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.inventory.SiteInventory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostRoutingDriverTest {

    @Test
    void routesCreatesByHostAndNeverDuplicatesAnIdAcrossHosts() throws IOException {
        SiteInventory site;
        try (InputStream in = getClass().getResourceAsStream("/inventory/example-site.json")) {
            site = SiteInventory.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "example");
        }
        SimulatedDriverConfig fast = new SimulatedDriverConfig(Duration.ZERO, Duration.ZERO, Duration.ZERO, true,
                null, 0, null, 0, null);
        SimulatedDriver h1 = new SimulatedDriver(site, fast);
        SimulatedDriver h2 = new SimulatedDriver(site, fast);
        HostRoutingDriver d = new HostRoutingDriver(Map.of("edge-par-01-h1", h1, "edge-par-01-h2", h2));

        d.create(MicroVmSpec.of("cp-0", "c1", "edge-par-01-h1", 2, 2048, 10));
        d.create(MicroVmSpec.of("cp-1", "c1", "edge-par-01-h2", 2, 2048, 10));
        MicroVmStatus again = d.create(MicroVmSpec.of("cp-0", "c1", "edge-par-01-h2", 2, 2048, 10));
        assertEquals("edge-par-01-h1", again.hostId(), "an existing id is not created on another host");
        assertEquals(1, h1.list().size());
        assertEquals(1, h2.list().size());
        assertEquals(List.of("cp-0", "cp-1"), d.list().stream().map(MicroVmStatus::microVmId).toList());
        assertTrue(d.create(MicroVmSpec.of("cp-2", "c1", "edge-par-01-h3", 1, 256, 1)).reason().startsWith("no driver for host edge-par-01-h3"));

        assertEquals(MicroVmState.STOPPED, d.stop("cp-1").state());
        d.delete("cp-0");
        assertEquals(List.of("cp-1"), d.list().stream().map(MicroVmStatus::microVmId).toList());
    }
}
