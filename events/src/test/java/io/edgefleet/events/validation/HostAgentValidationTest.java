package io.edgefleet.events.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host agents' heartbeats (ADR 0019) and microVM reports that may omit the host (DELETED only). */
class HostAgentValidationTest {
    private static final String HEAD = "{\"siteId\":\"edge-par-01\",\"agentVersion\":\"0.1.0\","
            + "\"sentAt\":\"2025-06-01T12:00:00Z\",\"intervalSeconds\":5";
    private static final String HOST_A = host("host-a");

    private static String host(String id) {
        return "{\"hostId\":\"" + id + "\",\"failureDomain\":\"rack-1\",\"state\":\"READY\",\"capabilities\":[],"
                + "\"numaNodes\":[],\"reservedCores\":2,\"reservedMemoryMib\":8192}";
    }

    private static Validated<AgentHeartbeat> heartbeat(String rest) {
        return EventValidator.validate(AgentHeartbeat.class, (HEAD + rest + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHostAgentsFullHeartbeatHoldsExactlyItsHost() {
        Validated<AgentHeartbeat> ok = heartbeat(",\"hostId\":\"host-a\",\"hosts\":[" + HOST_A + "]");
        assertTrue(ok.isValid(), () -> ok.violations().toString());
        assertTrue(ok.orElseThrow().fromHostAgent());
        assertEquals("host-a", ok.orElseThrow().hostId());

        for (String hosts : List.of("[" + host("host-b") + "]", "[" + HOST_A + "," + host("host-b") + "]", "[]")) {
            List<Violation> violations = heartbeat(",\"hostId\":\"host-a\",\"hosts\":" + hosts).violations();
            assertEquals(1, violations.size(), violations::toString);
            assertEquals("$.hosts", violations.get(0).path());
            assertEquals(ViolationCode.INCONSISTENT, violations.get(0).code());
            assertTrue(violations.get(0).message().contains("host-a"), violations.get(0).message());
        }
    }

    @Test
    void aHostAgentsLightHeartbeatAndASiteWideOneAreValid() {
        Validated<AgentHeartbeat> light = heartbeat(",\"hostId\":\"host-a\",\"inventoryDigest\":\"sha256:" + "cd".repeat(32) + "\"");
        assertTrue(light.isValid(), () -> light.violations().toString());
        assertFalse(light.orElseThrow().carriesInventory());
        assertEquals("host-a", light.orElseThrow().hostId());

        Validated<AgentHeartbeat> siteWide = heartbeat(",\"hosts\":[" + HOST_A + "," + host("host-b") + "]");
        assertTrue(siteWide.isValid(), () -> siteWide.violations().toString());
        assertFalse(siteWide.orElseThrow().fromHostAgent());
        assertNull(siteWide.orElseThrow().network());

        assertEquals("$.hostId", heartbeat(",\"hostId\":\"Host_A\",\"hosts\":[]").violations().get(0).path());
    }

    @Test
    void aDeletedReportMayOmitItsHostButNoOtherStateMay() {
        String withoutHost = "{\"siteId\":\"edge-par-01\",\"microVmId\":\"vm-1\",\"clusterId\":\"c-1\","
                + "\"planVersion\":4,\"observedAt\":\"2025-06-01T12:00:00Z\",\"state\":\"";
        Validated<MicroVmStateChanged> deleted = EventValidator.validate(MicroVmStateChanged.class,
                (withoutHost + "DELETED\"}").getBytes(StandardCharsets.UTF_8));
        assertTrue(deleted.isValid(), () -> deleted.violations().toString());
        assertNull(deleted.orElseThrow().hostId());
        assertEquals(MicroVmState.DELETED, deleted.orElseThrow().state());

        for (MicroVmState state : MicroVmState.values()) {
            if (state == MicroVmState.DELETED) {
                continue;
            }
            List<Violation> violations = EventValidator.validate(MicroVmStateChanged.class,
                    (withoutHost + state + "\"}").getBytes(StandardCharsets.UTF_8)).violations();
            assertEquals(List.of(new Violation("$.hostId", ViolationCode.REQUIRED, "is required unless state is DELETED")),
                    violations, state.name());
        }
    }
}
