package io.edgefleet.events.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.report.AgentHeartbeat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The site network (ADR 0020) in heartbeats and plans, and the planned microVMs' addresses. */
class AddressPlanValidationTest {
    private static final String HEARTBEAT = "{\"siteId\":\"edge-par-01\",\"agentVersion\":\"0.1.0\","
            + "\"sentAt\":\"2025-06-01T12:00:00Z\",\"intervalSeconds\":5,\"inventoryDigest\":\"sha256:" + "ab".repeat(32) + "\"";
    private static final String PLAN = "{\"siteId\":\"edge-par-01\",\"version\":3,\"generatedAt\":\"2025-06-01T12:00:00Z\","
            + "\"clusters\":[],\"networkFunctions\":[]";
    private static final String VM = "{\"microVmId\":\"vm-1\",\"clusterId\":\"c-1\",\"role\":\"CONTROL_PLANE\","
            + "\"hostId\":\"host-a\",\"vcpu\":2,\"memoryMib\":2048,\"diskGib\":10,\"kubernetesVersion\":\"1.31\"";

    private static String network(String subnet, String gateway, String first, String last, String bridge, String vlan,
                                  String mtu) {
        return "{\"subnet\":\"" + subnet + "\",\"gateway\":\"" + gateway + "\",\"firstAddress\":\"" + first
                + "\",\"lastAddress\":\"" + last + "\",\"bridge\":\"" + bridge + "\",\"vlan\":" + vlan + ",\"mtu\":" + mtu + "}";
    }

    private static String good() {
        return network("10.42.0.0/24", "10.42.0.1", "10.42.0.10", "10.42.0.250", "br-mgmt", "42", "1500");
    }

    private static List<Violation> heartbeatWith(String network) {
        return EventValidator.validate(AgentHeartbeat.class,
                (HEARTBEAT + ",\"network\":" + network + "}").getBytes(StandardCharsets.UTF_8)).violations();
    }

    private static Map<String, ViolationCode> byPath(List<Violation> violations) {
        return violations.stream().collect(java.util.stream.Collectors.toMap(Violation::path, Violation::code, (a, b) -> a));
    }

    @Test
    void aGoodNetworkIsReadIntoTheRecordAndNullOptionalsAreFine() {
        var valid = EventValidator.validate(AgentHeartbeat.class,
                (HEARTBEAT + ",\"network\":" + good() + "}").getBytes(StandardCharsets.UTF_8));
        assertTrue(valid.isValid(), () -> valid.violations().toString());
        assertEquals(new SiteNetwork("10.42.0.0/24", "10.42.0.1", "10.42.0.10", "10.42.0.250", "br-mgmt", 42, 1500),
                valid.orElseThrow().network());
        assertEquals(List.of(), heartbeatWith(network("10.42.0.0/24", "10.42.0.1", "10.42.0.2", "10.42.0.254", "br0",
                "null", "null")));
        assertEquals(List.of(), heartbeatWith("null"));
    }

    @Test
    void malformedValuesAreRefusedAtTheirPathsWithWords() {
        List<Violation> violations = heartbeatWith(network("10.42.0.0/33", "10.42.0.256", "010.42.0.1", "10.42.0",
                "a-bridge-name-too-long", "4095", "67"));
        assertEquals(Map.of("$.network.subnet", ViolationCode.BAD_FORMAT, "$.network.gateway", ViolationCode.BAD_FORMAT,
                "$.network.firstAddress", ViolationCode.BAD_FORMAT, "$.network.lastAddress", ViolationCode.BAD_FORMAT,
                "$.network.bridge", ViolationCode.BAD_FORMAT, "$.network.vlan", ViolationCode.OUT_OF_RANGE,
                "$.network.mtu", ViolationCode.OUT_OF_RANGE), byPath(violations));
        assertTrue(violations.stream().anyMatch(v -> v.message().contains("IPv4 CIDR such as")), violations::toString);
        assertEquals(Map.of("$.network.vlan", ViolationCode.OUT_OF_RANGE, "$.network.mtu", ViolationCode.OUT_OF_RANGE),
                byPath(heartbeatWith(network("10.42.0.0/24", "10.42.0.1", "10.42.0.2", "10.42.0.3", "br0", "0", "65536"))));
        assertEquals(Map.of("$.network.bridge", ViolationCode.REQUIRED),
                byPath(heartbeatWith("{\"subnet\":\"10.42.0.0/24\",\"gateway\":\"10.42.0.1\",\"firstAddress\":\"10.42.0.2\","
                        + "\"lastAddress\":\"10.42.0.3\"}")));
    }

    @Test
    void gatewayAndRangeMustLieInsideTheSubnetInOrder() {
        assertEquals(Map.of("$.network.gateway", ViolationCode.INCONSISTENT, "$.network.firstAddress", ViolationCode.INCONSISTENT),
                byPath(heartbeatWith(network("10.42.0.0/24", "10.43.0.1", "10.41.255.250", "10.42.0.20", "br0", "null", "null"))));
        assertEquals(Map.of("$.network.lastAddress", ViolationCode.INCONSISTENT),
                byPath(heartbeatWith(network("10.42.0.0/24", "10.42.0.1", "10.42.0.30", "10.42.0.20", "br0", "null", "null"))));
        List<Violation> broadcast = heartbeatWith(network("10.42.0.0/24", "10.42.0.1", "10.42.0.0", "10.42.0.255", "br0",
                "null", "null"));
        assertEquals(Map.of("$.network.firstAddress", ViolationCode.INCONSISTENT, "$.network.lastAddress",
                ViolationCode.INCONSISTENT), byPath(broadcast));
        assertTrue(broadcast.get(0).message().contains("network or broadcast"), broadcast::toString);
        List<Violation> hostBits = heartbeatWith(network("10.42.0.5/24", "10.42.0.1", "10.42.0.10", "10.42.0.20", "br0",
                "null", "null"));
        assertEquals(1, hostBits.size(), hostBits::toString);
        assertTrue(hostBits.get(0).message().contains("10.42.0.0/24"), hostBits::toString);
        // A /31 point-to-point subnet has no network or broadcast address: both ends are usable.
        assertEquals(List.of(), heartbeatWith(network("10.42.0.0/31", "10.42.0.0", "10.42.0.0", "10.42.0.1", "br0", "null",
                "null")));
    }

    @Test
    void aPlanCarriesTheNetworkAndEachMicroVmHasTheMacItsAddressImplies() {
        String ok = PLAN + ",\"siteStepsHostId\":\"host-a\",\"network\":" + good() + ",\"microVms\":[" + VM
                + ",\"ipAddress\":\"10.42.0.17\",\"macAddress\":\"02:ef:0a:2a:00:11\"}]}";
        var plan = EventValidator.validate(SitePlan.class, ok.getBytes(StandardCharsets.UTF_8));
        assertTrue(plan.isValid(), () -> plan.violations().toString());
        assertEquals("host-a", plan.orElseThrow().siteStepsHostId());
        assertEquals("02:ef:0a:2a:00:11", plan.orElseThrow().microVms().get(0).macAddress());

        assertEquals(Map.of("$.microVms[0].macAddress", ViolationCode.INCONSISTENT), byPath(planViolations(
                ",\"ipAddress\":\"10.42.0.17\",\"macAddress\":\"02:ef:0a:2a:00:12\"")));
        assertEquals(Map.of("$.microVms[0].macAddress", ViolationCode.REQUIRED), byPath(planViolations(
                ",\"ipAddress\":\"10.42.0.17\"")));
        assertEquals(Map.of("$.microVms[0].ipAddress", ViolationCode.REQUIRED), byPath(planViolations(
                ",\"macAddress\":\"02:ef:0a:2a:00:11\"")));
        assertEquals(Map.of("$.microVms[0].macAddress", ViolationCode.BAD_FORMAT), byPath(planViolations(
                ",\"ipAddress\":\"10.42.0.17\",\"macAddress\":\"02:EF:0A:2A:00:11\"")));
        assertEquals(Map.of("$.siteStepsHostId", ViolationCode.BAD_FORMAT), byPath(EventValidator.validate(SitePlan.class,
                (PLAN + ",\"microVms\":[],\"siteStepsHostId\":\"Host A\"}").getBytes(StandardCharsets.UTF_8)).violations()));
    }

    private static List<Violation> planViolations(String addressFields) {
        return EventValidator.validate(SitePlan.class, (PLAN + ",\"microVms\":[" + VM + addressFields + "}]}")
                .getBytes(StandardCharsets.UTF_8)).violations();
    }
}
