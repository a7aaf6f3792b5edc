package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.plan.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules on the address plan (ADR 0020) that JSON Schema cannot say: a {@code SiteNetwork}'s gateway
 * and range lie inside its subnet, and a planned microVM's MAC is the one its IP implies. Like
 * {@link PayloadRules}, each rule looks only at values the schema accepted the shape of.
 */
final class NetworkRules {

    private NetworkRules() {
    }

    /** A network (at {@code path}, possibly absent or null) whose addresses fit its subnet. */
    static List<Violation> network(JsonNode network, String path) {
        List<Violation> violations = new ArrayList<>();
        if (network == null || !network.isObject()) {
            return violations;
        }
        String subnet = network.path("subnet").asText(null);
        int prefix;
        try {
            prefix = Ipv4.prefixLength(subnet);
            Ipv4.cidrAddress(subnet);
        } catch (IllegalArgumentException e) {
            return violations; // missing or malformed: the schema says so
        }
        if (Ipv4.cidrAddress(subnet) != Ipv4.network(subnet)) {
            violations.add(new Violation(path + ".subnet", ViolationCode.INCONSISTENT, "must have zero host bits: did you mean "
                    + Ipv4.format(Ipv4.network(subnet)) + "/" + prefix + "?"));
            return violations;
        }
        Long gateway = address(network, "gateway");
        if (gateway != null && !Ipv4.contains(subnet, gateway)) {
            violations.add(new Violation(path + ".gateway", ViolationCode.INCONSISTENT, "must be inside the subnet " + subnet));
        }
        Long first = address(network, "firstAddress");
        Long last = address(network, "lastAddress");
        checkRangeEnd(subnet, prefix, first, path + ".firstAddress", violations);
        checkRangeEnd(subnet, prefix, last, path + ".lastAddress", violations);
        if (first != null && last != null && first > last) {
            violations.add(new Violation(path + ".lastAddress", ViolationCode.INCONSISTENT,
                    "must not be below firstAddress " + Ipv4.format(first)));
        }
        return violations;
    }

    /**
     * Inside the subnet, and (for subnets with a network and a broadcast address, /30 and wider)
     * neither of those: no guest could use them.
     */
    private static void checkRangeEnd(String subnet, int prefix, Long address, String path, List<Violation> violations) {
        if (address == null) {
            return;
        }
        if (!Ipv4.contains(subnet, address)) {
            violations.add(new Violation(path, ViolationCode.INCONSISTENT, "must be inside the subnet " + subnet));
        } else if (prefix <= 30 && (address == Ipv4.network(subnet) || address == Ipv4.broadcast(subnet))) {
            violations.add(new Violation(path, ViolationCode.INCONSISTENT, "must not be the network or broadcast address of "
                    + subnet));
        }
    }

    /** Every planned microVM has both an IP and the MAC it implies, or neither. */
    static List<Violation> microVmAddresses(JsonNode microVms) {
        List<Violation> violations = new ArrayList<>();
        if (!microVms.isArray()) {
            return violations;
        }
        for (int i = 0; i < microVms.size(); i++) {
            JsonNode vm = microVms.get(i);
            String path = "$.microVms[" + i + "]";
            boolean hasIp = present(vm, "ipAddress");
            boolean hasMac = present(vm, "macAddress");
            if (hasIp != hasMac) {
                violations.add(new Violation(path + (hasIp ? ".macAddress" : ".ipAddress"), ViolationCode.REQUIRED,
                        "is required when " + (hasIp ? "ipAddress" : "macAddress") + " is set: a microVM has both or neither"));
                continue;
            }
            Long ip = address(vm, "ipAddress");
            if (ip != null && vm.path("macAddress").isTextual()) {
                String expected = Ipv4.macFor(Ipv4.format(ip));
                if (!expected.equals(vm.path("macAddress").asText())) {
                    violations.add(new Violation(path + ".macAddress", ViolationCode.INCONSISTENT,
                            "must be " + expected + ", the MAC of ipAddress " + Ipv4.format(ip)));
                }
            }
        }
        return violations;
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** The field as an address, or null when absent or malformed (the schema reports that). */
    private static Long address(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Ipv4.parse(value.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
