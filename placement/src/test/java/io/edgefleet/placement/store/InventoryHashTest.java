package io.edgefleet.placement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory hash: equal exactly when a heartbeat would write the same host rows. */
class InventoryHashTest {

    @Test
    void theSameInventoryHashesTheSameWhateverTheOrderOfHostsAndMapsOrTheTimeAndVersion() {
        AgentHeartbeat a = beat("v1", Instant.parse("2026-01-01T00:00:00Z"), host("h1", HostState.READY, 4.0, 1800L),
                host("h2", HostState.READY, 4.0, 1800L));
        AgentHeartbeat b = beat("v2", Instant.parse("2026-01-01T00:00:05Z"),
                host("h2", HostState.READY, 4.0, 1800L, "physnet-b", "physnet-a"),
                host("h1", HostState.READY, 4.0, 1800L, "physnet-b", "physnet-a"));
        assertEquals(InventoryHash.of(a, 4.0, 1800), InventoryHash.of(b, 4.0, 1800));
    }

    @Test
    void anythingTheHostRowsHoldChangesTheHash() {
        String base = InventoryHash.of(beat(host("h1", HostState.READY, 4.0, 1800L)), 4.0, 1800);
        assertNotEquals(base, InventoryHash.of(beat(host("h1", HostState.CORDONED, 4.0, 1800L)), 4.0, 1800), "state");
        assertNotEquals(base, InventoryHash.of(beat(host("h1", HostState.READY, 2.0, 1800L)), 4.0, 1800), "ratio");
        assertNotEquals(base, InventoryHash.of(beat(host("h1", HostState.READY, 4.0, 900L)), 4.0, 1800), "disk");
        assertNotEquals(base, InventoryHash.of(beat(host("h1", HostState.READY, 4.0, 1800L),
                host("h2", HostState.READY, 4.0, 1800L)), 4.0, 1800), "a host more");
        assertNotEquals(base, InventoryHash.of(beat(), 4.0, 1800), "no host");
        HostInventory h = host("h1", HostState.READY, 4.0, 1800L);
        HostInventory fewerVfs = new HostInventory(h.hostId(), h.failureDomain(), h.state(), h.capabilities(),
                List.of(new NumaInventory(0, 16, 65536, 8, Map.of("physnet-a", 4))), h.reservedCores(),
                h.reservedMemoryMib(), h.cpuAllocationRatio(), h.diskGib());
        assertNotEquals(base, InventoryHash.of(beat(fewerVfs), 4.0, 1800), "VFs");
    }

    @Test
    void placementsDefaultsCountAsTheValuesTheyWrite() {
        String explicit = InventoryHash.of(beat(host("h1", HostState.READY, 4.0, 1800L)), 4.0, 1800);
        assertEquals(explicit, InventoryHash.of(beat(host("h1", HostState.READY, null, null)), 4.0, 1800));
        assertEquals(explicit, InventoryHash.of(beat(host("h1", HostState.READY, null, 0L)), 4.0, 1800));
        // A new default in placement's configuration rewrites the hosts that rely on it.
        assertNotEquals(explicit, InventoryHash.of(beat(host("h1", HostState.READY, null, null)), 3.0, 1800));
    }

    @Test
    void idsCannotRunIntoEachOther() {
        assertNotEquals(InventoryHash.of(beat(host("h1", "rack-1", HostState.READY)), 4.0, 1800),
                InventoryHash.of(beat(host("h1r", "ack-1", HostState.READY)), 4.0, 1800));
    }

    private static AgentHeartbeat beat(HostInventory... hosts) {
        return beat("v1", Instant.parse("2026-01-01T00:00:00Z"), hosts);
    }

    private static AgentHeartbeat beat(String version, Instant at, HostInventory... hosts) {
        return new AgentHeartbeat("s-1", version, at, 5, List.of(hosts));
    }

    private static HostInventory host(String id, String rack, HostState state) {
        return new HostInventory(id, rack, state, List.of("microvm"), List.of(), 2, 4096, 4.0, 1800L);
    }

    private static HostInventory host(String id, HostState state, Double ratio, Long disk) {
        return host(id, state, ratio, disk, "physnet-a", "physnet-b");
    }

    /** A host whose VF map is filled in the order given (equal maps, whatever their order). */
    private static HostInventory host(String id, HostState state, Double ratio, Long disk, String... physnets) {
        Map<String, Integer> vfs = new LinkedHashMap<>();
        for (String p : physnets) {
            vfs.put(p, 8);
        }
        return new HostInventory(id, "rack-1", state, List.of("microvm", "sriov:physnet-a"),
                List.of(new NumaInventory(0, 16, 65536, 8, vfs)), 2, 4096, ratio, disk);
    }
}
