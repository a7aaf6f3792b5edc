package io.edgefleet.events.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.EventJson;
import io.edgefleet.events.report.AgentHeartbeat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Full and light heartbeats (ADR 0013): one of hosts and inventoryDigest must be there, and a digest is a bounded token. */
class HeartbeatValidationTest {
    private static final String TYPE = "io.edgefleet.agent.heartbeat.v1";
    private static final String HEAD = "{\"siteId\":\"edge-par-01\",\"agentVersion\":\"0.1.0\","
            + "\"sentAt\":\"2025-06-01T12:00:00Z\",\"intervalSeconds\":5";
    private static final String HOST = "{\"hostId\":\"host-a\",\"failureDomain\":\"rack-1\",\"state\":\"READY\","
            + "\"capabilities\":[\"microvm\"],\"numaNodes\":[{\"index\":0,\"cores\":32,\"memoryMib\":131072,"
            + "\"hugepages1Gi\":16,\"vfsByPhysnet\":{}}],\"reservedCores\":2,\"reservedMemoryMib\":8192}";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static Validated<AgentHeartbeat> validate(String json) {
        return EventValidator.validate(AgentHeartbeat.class, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLightHeartbeatIsValidAndCarriesNoInventory() {
        Validated<AgentHeartbeat> result = validate(HEAD + ",\"inventoryDigest\":\"" + DIGEST + "\"}");
        assertTrue(result.isValid(), () -> result.violations().toString());
        AgentHeartbeat light = result.orElseThrow();
        assertFalse(light.carriesInventory());
        assertNull(light.hosts());
        assertEquals(DIGEST, light.inventoryDigest());
        assertEquals(AgentHeartbeat.light("edge-par-01", "0.1.0", Instant.parse("2025-06-01T12:00:00Z"), 5, DIGEST), light);
    }

    @Test
    void aFullHeartbeatWithOrWithoutDigestIsValid() {
        Validated<AgentHeartbeat> old = validate(HEAD + ",\"hosts\":[" + HOST + "]}");
        assertTrue(old.isValid(), () -> old.violations().toString());
        assertTrue(old.orElseThrow().carriesInventory());
        assertNull(old.orElseThrow().inventoryDigest());
        assertEquals(1, old.orElseThrow().hosts().size());

        Validated<AgentHeartbeat> full = validate(HEAD + ",\"hosts\":[" + HOST + "],\"inventoryDigest\":\"" + DIGEST + "\"}");
        assertTrue(full.isValid(), () -> full.violations().toString());
        assertTrue(full.orElseThrow().carriesInventory());
        assertEquals(DIGEST, full.orElseThrow().inventoryDigest());

        // An agent with no hosts at all still says so in full: an empty list is an inventory.
        Validated<AgentHeartbeat> empty = validate(HEAD + ",\"hosts\":[]}");
        assertTrue(empty.isValid(), () -> empty.violations().toString());
        assertTrue(empty.orElseThrow().carriesInventory());
    }

    @Test
    void aHeartbeatWithNeitherHostsNorDigestIsRefusedAtHosts() {
        for (String json : List.of(HEAD + "}", HEAD + ",\"inventoryDigest\":null}")) {
            List<Violation> violations = validate(json).violations();
            assertEquals(1, violations.size(), violations::toString);
            assertEquals("$.hosts", violations.get(0).path());
            assertEquals(ViolationCode.REQUIRED, violations.get(0).code());
            assertTrue(violations.get(0).message().contains("inventoryDigest"), violations.get(0).message());
        }
    }

    @Test
    void aBadDigestIsRefusedAtItsPath() {
        for (String bad : List.of("short", "sha256:" + "a".repeat(200), "sha256 with spaces and more", "-leading-dash-not-ok",
                "sha256:ünïcödé-000000000")) {
            List<Violation> violations = validate(HEAD + ",\"inventoryDigest\":\"" + bad + "\"}").violations();
            assertFalse(violations.isEmpty(), bad);
            assertTrue(violations.stream().allMatch(v -> v.path().equals("$.inventoryDigest")), violations::toString);
        }
        List<Violation> wrongType = validate(HEAD + ",\"inventoryDigest\":42}").violations();
        assertEquals("$.inventoryDigest", wrongType.get(0).path());
    }

    @Test
    void theOldConstructorStillMakesAFullHeartbeatAndALightOneWritesNoHosts() {
        AgentHeartbeat old = new AgentHeartbeat("edge-par-01", "0.1.0", Instant.EPOCH, 5, null);
        assertTrue(old.carriesInventory());
        assertEquals(List.of(), old.hosts());
        String light = EventJson.mapper().valueToTree(AgentHeartbeat.light("edge-par-01", "0.1.0", Instant.EPOCH, 5, DIGEST))
                .toString();
        assertFalse(light.contains("hosts"), light);
        assertFalse(light.contains("carriesInventory"), light);
    }
}
