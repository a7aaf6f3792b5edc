package io.edgefleet.agent.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteInventoryTest {

    @TempDir
    Path dir;

    static String example() throws IOException {
        try (InputStream in = SiteInventoryTest.class.getResourceAsStream("/inventory/example-site.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void loadsTheExampleSite() throws IOException {
        Path file = Files.writeString(dir.resolve("site.json"), example());
        SiteInventory site = SiteInventory.load(file);

        assertEquals("edge-par-01", site.siteId());
        assertEquals(4, site.hosts().size());
        assertEquals(2, site.hosts().stream().map(Host::failureDomain).collect(Collectors.toSet()).size());
        Host h1 = site.host("edge-par-01-h1").orElseThrow();
        assertEquals(2, h1.numaNodes().size());
        assertEquals(64, h1.totalCores());
        assertEquals(8, h1.numaNodes().get(1).vfsByPhysnet().get("physnet-b"));
        // (64 cores - 4 reserved) * ratio 4
        assertEquals(240, h1.microVmVcpuCapacity());
        // 2 * (128 GiB - 16 GiB hugepages) - 16 GiB reserved
        assertEquals(2L * (131072 - 16384) - 16384, h1.microVmMemoryCapacityMib());
        assertTrue(h1.has("microvm"));
    }

    @Test
    void writesWhatItReads() throws IOException {
        SiteInventory site = SiteInventory.parse(example(), "example");
        assertEquals(site, SiteInventory.parse(site.toJson(), "round trip"));
    }

    @Test
    void namesTheFileAndFieldOfAWrongType() {
        String bad = example0().replace("\"memoryMib\": 131072", "\"memoryMib\": \"lots\"");
        var e = assertThrows(InventoryFormatException.class, () -> SiteInventory.parse(bad, "site.json"));
        assertEquals("site.json: hosts[0].numaNodes[0].memoryMib: must be a non-negative integer, got \"lots\"", e.getMessage());
    }

    @Test
    void refusesUnknownFieldsSoTyposDoNotBecomeDefaults() {
        String bad = example0().replace("\"cpuAllocationRatio\"", "\"cpuAlocationRatio\"");
        var e = assertThrows(InventoryFormatException.class, () -> SiteInventory.parse(bad, "s"));
        assertTrue(e.getMessage().startsWith("s: hosts[0].cpuAlocationRatio: unknown field"), e.getMessage());
    }

    @Test
    void refusesMissingFieldsBadStatesAndDuplicates() {
        assertMessage(example0().replace("\"failureDomain\": \"rack-a\",", ""), "hosts[0].failureDomain: is missing");
        assertMessage(example0().replace("\"READY\"", "\"UP\""), "hosts[0].state: must be one of READY, CORDONED, DOWN, got 'UP'");
        assertMessage(example0().replace("edge-par-01-h2", "edge-par-01-h1"), "hosts[1].id: host id 'edge-par-01-h1' appears twice");
        assertMessage(example0().replace("\"hugepages1Gi\": 16", "\"hugepages1Gi\": 200"), "hosts[0].numaNodes[0].hugepages1Gi: 200 GiB");
        assertMessage(example0().replace("\"cpuAllocationRatio\": 4.0", "\"cpuAllocationRatio\": 0.5"), "hosts[0].cpuAllocationRatio: must be a number >= 1");
        assertMessage(example0().replace("\"cores\": 4,", "\"cores\": 65,"), "hosts[0].reserved.cores: reserves 65 cores but the host has 64");
        assertMessage(example0().replace("\"formatVersion\": 1", "\"formatVersion\": 2"), "formatVersion: unsupported version 2");
    }

    @Test
    void reportsTheLineOfASyntaxError() {
        String bad = "{\n  \"siteId\": \"x\",\n  \"hosts\": [ oops ]\n}";
        var e = assertThrows(InventoryFormatException.class, () -> SiteInventory.parse(bad, "f.json"));
        assertTrue(e.getMessage().startsWith("f.json: not valid JSON at line 3"), e.getMessage());
    }

    @Test
    void reportsAMissingFile() {
        Path missing = dir.resolve("nope.json");
        var e = assertThrows(InventoryFormatException.class, () -> SiteInventory.load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read inventory file"), e.getMessage());
    }

    private static String example0() {
        try {
            return example();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertMessage(String json, String expectedPart) {
        var e = assertThrows(InventoryFormatException.class, () -> SiteInventory.parse(json, "site.json"));
        assertTrue(e.getMessage().startsWith("site.json: " + expectedPart), e.getMessage());
    }
}
