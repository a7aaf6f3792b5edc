package io.edgefleet.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a heartbeat carries the inventory, and that the digest is the inventory's (ADR 0013). */
class HeartbeatComposerTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    private static HostInventory host(String id, HostState state, Map<String, Integer> vfs) {
        return new HostInventory(id, "rack-1", state, List.of("microvm"),
                List.of(new NumaInventory(0, 32, 131072, 16, vfs)), 2, 8192, null, null);
    }

    private static List<HostInventory> site(HostState stateOfB) {
        return List.of(host("host-a", HostState.READY, Map.of("physnet-a", 8, "physnet-b", 4)),
                host("host-b", stateOfB, Map.of()));
    }

    /** "F" for a full heartbeat, "L" for a light one. */
    private static String kinds(HeartbeatComposer composer, List<List<HostInventory>> inventories) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (List<HostInventory> hosts : inventories) {
            AgentHeartbeat hb = composer.next(T.plusSeconds(5L * i++), 5, hosts);
            out.append(hb.carriesInventory() ? 'F' : 'L');
        }
        return out.toString();
    }

    private static List<List<HostInventory>> repeat(List<HostInventory> hosts, int n) {
        List<List<HostInventory>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(hosts);
        }
        return out;
    }

    @Test
    void fullOnTheFirstBeatThenLightThenFullAgainEveryNthBeat() {
        assertEquals("FLLFLLFLL", kinds(new HeartbeatComposer("edge-par-01", "0.2.0", 3), repeat(site(HostState.READY), 9)));
        assertEquals("F" + "L".repeat(11) + "F" + "L".repeat(11) + "F",
                kinds(new HeartbeatComposer("edge-par-01", "0.2.0", 12), repeat(site(HostState.READY), 25)));
    }

    @Test
    void fullWheneverTheInventoryChangedAndTheCountStartsAgainFromThere() {
        List<List<HostInventory>> beats = new ArrayList<>(repeat(site(HostState.READY), 2));
        beats.add(site(HostState.DOWN));           // host-b fails
        beats.addAll(repeat(site(HostState.DOWN), 3));
        beats.addAll(repeat(site(HostState.READY), 7)); // and is back: full before the count asks for it
        assertEquals("FLFLLLFLLLLFL", kinds(new HeartbeatComposer("edge-par-01", "0.2.0", 5), beats));
    }

    @Test
    void everyBeatIsFullWithFullEveryOne() {
        assertEquals("FFFF", kinds(new HeartbeatComposer("edge-par-01", "0.2.0", 1), repeat(site(HostState.READY), 4)));
    }

    @Test
    void aLightBeatCarriesTheDigestOfTheLastFullOneAndValidates() {
        HeartbeatComposer composer = new HeartbeatComposer("edge-par-01", "0.2.0", 12);
        AgentHeartbeat full = composer.next(T, 5, site(HostState.READY));
        AgentHeartbeat light = composer.next(T.plusSeconds(5), 5, site(HostState.READY));
        assertTrue(full.carriesInventory());
        assertEquals(2, full.hosts().size());
        assertFalse(light.carriesInventory());
        assertNull(light.hosts());
        assertEquals(full.inventoryDigest(), light.inventoryDigest());
        assertTrue(full.inventoryDigest().matches("sha256:[0-9a-f]{64}"), full.inventoryDigest());
        for (AgentHeartbeat hb : List.of(full, light)) {
            byte[] json = EventJson.mapper().valueToTree(hb).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var validated = EventValidator.validate(AgentHeartbeat.class, json);
            assertTrue(validated.isValid(), () -> validated.violations().toString());
            assertEquals(hb, validated.orElseThrow());
        }
    }

    @Test
    void theDigestIgnoresHostAndMapOrderButSeesEveryField() {
        Map<String, Integer> vfs = new LinkedHashMap<>();
        vfs.put("physnet-b", 4);
        vfs.put("physnet-a", 8);
        List<HostInventory> reordered = List.of(host("host-b", HostState.READY, Map.of()),
                host("host-a", HostState.READY, vfs));
        assertEquals(InventoryDigest.of(site(HostState.READY)), InventoryDigest.of(reordered));
        assertNotEquals(InventoryDigest.of(site(HostState.READY)), InventoryDigest.of(site(HostState.CORDONED)));
        List<HostInventory> moreVfs = List.of(host("host-a", HostState.READY, Map.of("physnet-a", 9, "physnet-b", 4)),
                host("host-b", HostState.READY, Map.of()));
        assertNotEquals(InventoryDigest.of(site(HostState.READY)), InventoryDigest.of(moreVfs));
    }

    @Test
    void aHostAgentBeatsWithItsHostIdAndOnlyItsOwnHostUnderTheSameFullAndLightRules() {
        SiteNetwork network = new SiteNetwork("10.42.0.0/24", "10.42.0.1", "10.42.0.10", "10.42.0.200", "br-mgmt", 42, null);
        HeartbeatComposer composer = new HeartbeatComposer("edge-par-01", "host-b", network, "0.2.0", 3);
        List<HostInventory> own = List.of(host("host-b", HostState.READY, Map.of()));
        List<AgentHeartbeat> beats = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            beats.add(composer.next(T.plusSeconds(5L * i), 5, own));
        }
        assertEquals("FLLF", beats.stream().map(b -> b.carriesInventory() ? "F" : "L").collect(
                java.util.stream.Collectors.joining()));
        assertTrue(beats.stream().allMatch(b -> "host-b".equals(b.hostId())), "every beat, light ones too, names the host");
        assertTrue(beats.stream().allMatch(b -> network.equals(b.network())), "and the site's network (ADR 0020)");
        assertEquals(own, beats.get(0).hosts());
        assertEquals(InventoryDigest.of(own), beats.get(1).inventoryDigest(), "the digest is over its own host only");
        assertNotEquals(InventoryDigest.of(site(HostState.READY)), beats.get(1).inventoryDigest());
        assertEquals("FF", kinds(composer, List.of(List.of(host("host-b", HostState.CORDONED, Map.of())),
                List.of(host("host-b", HostState.READY, Map.of())))), "a change of its host is sent in full");
        for (AgentHeartbeat hb : beats.subList(0, 2)) {
            byte[] json = EventJson.mapper().valueToTree(hb).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var validated = EventValidator.validate(AgentHeartbeat.class, json);
            assertTrue(validated.isValid(), () -> validated.violations().toString());
            assertEquals(hb, validated.orElseThrow());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> composer.next(T, 5, site(HostState.READY)));
        assertEquals("the agent of host host-b speaks for its own host only, not for [host-a, host-b]", e.getMessage());
    }

    @Test
    void aSiteWideAgentsBeatsNameNoHost() {
        HeartbeatComposer composer = new HeartbeatComposer("edge-par-01", "0.2.0", 2);
        assertNull(composer.next(T, 5, site(HostState.READY)).hostId());
        AgentHeartbeat light = composer.next(T.plusSeconds(5), 5, site(HostState.READY));
        assertNull(light.hostId());
        assertNull(light.network(), "no network in the file, none in the beat");
    }

    @Test
    void aFullEveryBelowOneIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeartbeatComposer("edge-par-01", "0.2.0", 0));
        assertTrue(e.getMessage().contains("heartbeat-full-every"), e.getMessage());
    }
}
