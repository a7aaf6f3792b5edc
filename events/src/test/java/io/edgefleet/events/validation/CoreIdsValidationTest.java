package io.edgefleet.events.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.report.AgentHeartbeat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A NUMA node may report its cores' ids (placement pins network functions to them): one id per core, or none. */
class CoreIdsValidationTest {

    private static Validated<AgentHeartbeat> heartbeat(String coreIds) {
        String node = "{\"index\":0,\"cores\":4,\"memoryMib\":8192,\"hugepages1Gi\":0,\"vfsByPhysnet\":{}"
                + (coreIds == null ? "" : ",\"coreIds\":" + coreIds) + "}";
        String json = "{\"siteId\":\"edge-par-01\",\"agentVersion\":\"0.1.0\",\"sentAt\":\"2025-06-01T12:00:00Z\","
                + "\"intervalSeconds\":5,\"hosts\":[{\"hostId\":\"host-a\",\"failureDomain\":\"r1\",\"state\":\"READY\","
                + "\"capabilities\":[],\"numaNodes\":[" + node + "],\"reservedCores\":1,\"reservedMemoryMib\":0}]}";
        return EventValidator.validate(AgentHeartbeat.class, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void realCoreIdsAreReadAndAbsentOnesAreEmpty() {
        Validated<AgentHeartbeat> sparse = heartbeat("[0,2,16,18]");
        assertTrue(sparse.isValid(), () -> sparse.violations().toString());
        assertEquals(List.of(0, 2, 16, 18), sparse.orElseThrow().hosts().get(0).numaNodes().get(0).coreIds());
        assertEquals(List.of(), heartbeat(null).orElseThrow().hosts().get(0).numaNodes().get(0).coreIds());
        assertTrue(heartbeat("[]").isValid());
    }

    @Test
    void idsThatDoNotNameEachCoreOnceAreRefusedAtTheirPath() {
        List<Violation> tooFew = heartbeat("[0,1,2]").violations();
        assertEquals(1, tooFew.size(), tooFew::toString);
        assertEquals("$.hosts[0].numaNodes[0].coreIds", tooFew.get(0).path());
        assertEquals(ViolationCode.INCONSISTENT, tooFew.get(0).code());
        assertTrue(tooFew.get(0).message().contains("each of the node's 4 cores once (got 3 ids)"), tooFew.get(0).message());
        assertEquals("$.hosts[0].numaNodes[0].coreIds", heartbeat("[0,1,1,2]").violations().get(0).path(),
                "a core named twice");
        assertEquals("$.hosts[0].numaNodes[0].coreIds[0]", heartbeat("[-1,1,2,3]").violations().get(0).path());
    }
}
