package io.edgefleet.agent.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.SiteNetwork;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the inventory JSON by hand from a tree, so that every error names its exact place
 * ({@code hosts[2].numaNodes[1].memoryMib}) and unknown fields (typos) are refused instead of ignored.
 */
final class InventoryParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;

    InventoryParser(String source) {
        this.source = source;
    }

    SiteInventory parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw fail("", "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail("", "the file must hold one JSON object");
        }
        allowOnly(root, "", "formatVersion", "siteId", "region", "network", "hosts");
        int version = integer(root, "", "formatVersion", 1, true);
        if (version != SiteInventory.FORMAT_VERSION) {
            throw fail("formatVersion", "unsupported version " + version + " (this agent reads " + SiteInventory.FORMAT_VERSION + ")");
        }
        String siteId = text(root, "", "siteId");
        String region = text(root, "", "region");
        JsonNode hostsNode = array(root, "", "hosts");
        List<Host> hosts = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < hostsNode.size(); i++) {
            String at = "hosts[" + i + "]";
            Host host = host(hostsNode.get(i), at);
            if (!ids.add(host.id())) {
                throw fail(at + ".id", "host id '" + host.id() + "' appears twice");
            }
            hosts.add(host);
        }
        return new SiteInventory(siteId, region, hosts, root.has("network") ? network(root.get("network")) : null);
    }

    /** The site's management network (ADR 0020): shapes and ranges checked here, so a typo stops the start. */
    private SiteNetwork network(JsonNode node) {
        requireObject(node, "network");
        allowOnly(node, "network", "subnet", "gateway", "firstAddress", "lastAddress", "bridge", "vlan", "mtu");
        String subnet = text(node, "network", "subnet");
        try {
            if (Ipv4.cidrAddress(subnet) != Ipv4.network(subnet)) {
                throw fail("network.subnet", "'" + subnet + "' has host bits set (write the network address)");
            }
        } catch (IllegalArgumentException e) {
            throw fail("network.subnet", "'" + subnet + "' is not an IPv4 CIDR such as 10.42.0.0/24");
        }
        long gateway = address(node, subnet, "gateway");
        long first = address(node, subnet, "firstAddress");
        long last = address(node, subnet, "lastAddress");
        if (first > last) {
            throw fail("network.lastAddress", "must not come before firstAddress");
        }
        Integer vlan = node.has("vlan") ? integer(node, "network", "vlan", 1, false) : null;
        if (vlan != null && vlan > 4094) {
            throw fail("network.vlan", "must be an 802.1Q id within [1, 4094], got " + vlan);
        }
        Integer mtu = node.has("mtu") ? integer(node, "network", "mtu", 68, false) : null;
        if (mtu != null && mtu > 65535) {
            throw fail("network.mtu", "must be within [68, 65535], got " + mtu);
        }
        return new SiteNetwork(subnet, Ipv4.format(gateway), Ipv4.format(first), Ipv4.format(last),
                text(node, "network", "bridge"), vlan, mtu);
    }

    private long address(JsonNode node, String subnet, String field) {
        String text = text(node, "network", field);
        long value;
        try {
            value = Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail("network." + field, "'" + text + "' is not an IPv4 address");
        }
        if (!Ipv4.contains(subnet, value) || value == Ipv4.network(subnet) || value == Ipv4.broadcast(subnet)) {
            throw fail("network." + field, text + " is not a host address of " + subnet);
        }
        return value;
    }

    private Host host(JsonNode node, String at) {
        requireObject(node, at);
        allowOnly(node, at, "id", "failureDomain", "state", "capabilities", "cpuAllocationRatio", "reserved", "diskGib",
                "numaNodes", "physnetsByPf");
        String id = text(node, at, "id");
        String domain = text(node, at, "failureDomain");
        String stateText = text(node, at, "state");
        HostState state;
        try {
            state = HostState.valueOf(stateText);
        } catch (IllegalArgumentException e) {
            throw fail(at + ".state", "must be one of READY, CORDONED, DOWN, got '" + stateText + "'");
        }
        Set<String> capabilities = new LinkedHashSet<>();
        JsonNode caps = array(node, at, "capabilities");
        for (int i = 0; i < caps.size(); i++) {
            if (!caps.get(i).isTextual() || caps.get(i).asText().isBlank()) {
                throw fail(at + ".capabilities[" + i + "]", "must be a non-empty string");
            }
            capabilities.add(caps.get(i).asText());
        }
        JsonNode ratioNode = node.get("cpuAllocationRatio");
        if (ratioNode == null || !ratioNode.isNumber() || ratioNode.asDouble() < 1.0) {
            throw fail(at + ".cpuAllocationRatio", "must be a number >= 1 (1 = no vCPU overcommit), got " + ratioNode);
        }
        JsonNode res = node.get("reserved");
        String resAt = at + ".reserved";
        if (res == null) {
            throw fail(resAt, "is missing (give {\"cores\": N, \"memoryMib\": M}; zeros are allowed)");
        }
        requireObject(res, resAt);
        allowOnly(res, resAt, "cores", "memoryMib");
        ReservedShare reserved = new ReservedShare(integer(res, resAt, "cores", 0, false), longValue(res, resAt, "memoryMib"));
        long disk = node.has("diskGib") ? longValue(node, at, "diskGib") : 0;
        // Absent: the host agent discovers the nodes from the host (AgentInventory); present: at least one.
        JsonNode numa = node.has("numaNodes") ? array(node, at, "numaNodes") : MAPPER.createArrayNode();
        if (node.has("numaNodes") && numa.isEmpty()) {
            throw fail(at + ".numaNodes", "must list at least one NUMA node (or be left out for a discovered host)");
        }
        Map<String, String> physnets = new LinkedHashMap<>();
        JsonNode pfNode = node.get("physnetsByPf");
        if (pfNode != null) {
            requireObject(pfNode, at + ".physnetsByPf");
            for (Iterator<String> it = pfNode.fieldNames(); it.hasNext(); ) {
                physnets.put(it.next(), null);
            }
            for (String pf : List.copyOf(physnets.keySet())) {
                physnets.put(pf, text(pfNode, at + ".physnetsByPf", pf));
            }
        }
        List<NumaNode> nodes = new ArrayList<>();
        Set<Integer> numaIds = new LinkedHashSet<>();
        for (int i = 0; i < numa.size(); i++) {
            NumaNode n = numaNode(numa.get(i), at + ".numaNodes[" + i + "]");
            if (!numaIds.add(n.id())) {
                throw fail(at + ".numaNodes[" + i + "].id", "NUMA node id " + n.id() + " appears twice");
            }
            nodes.add(n);
        }
        Host host;
        try {
            host = new Host(id, domain, state, capabilities, ratioNode.asDouble(), reserved, disk, nodes, physnets);
        } catch (IllegalArgumentException e) {
            throw fail(at, e.getMessage());
        }
        if (!nodes.isEmpty() && reserved.cores() > host.totalCores()) {
            throw fail(resAt + ".cores", "reserves " + reserved.cores() + " cores but the host has " + host.totalCores());
        }
        return host;
    }

    private NumaNode numaNode(JsonNode node, String at) {
        requireObject(node, at);
        allowOnly(node, at, "id", "cores", "memoryMib", "hugepages1Gi", "vfsByPhysnet");
        int id = integer(node, at, "id", 0, false);
        int cores = integer(node, at, "cores", 0, false);
        long memory = longValue(node, at, "memoryMib");
        int hugepages = integer(node, at, "hugepages1Gi", 0, false);
        if ((long) hugepages * 1024 > memory) {
            throw fail(at + ".hugepages1Gi", hugepages + " GiB of hugepages do not fit in memoryMib " + memory
                    + " (memoryMib counts the hugepages too)");
        }
        Map<String, Integer> vfs = new LinkedHashMap<>();
        JsonNode vfNode = node.get("vfsByPhysnet");
        if (vfNode != null) {
            requireObject(vfNode, at + ".vfsByPhysnet");
            for (Iterator<Map.Entry<String, JsonNode>> it = vfNode.fields(); it.hasNext(); ) {
                var e = it.next();
                vfs.put(e.getKey(), integer(vfNode, at + ".vfsByPhysnet", e.getKey(), 0, false));
            }
        }
        return new NumaNode(id, cores, memory, hugepages, vfs);
    }

    private void allowOnly(JsonNode node, String at, String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw fail(join(at, name), "unknown field (expected one of " + String.join(", ", names) + ")");
            }
        }
    }

    private void requireObject(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw fail(at, "must be a JSON object, got " + node);
        }
    }

    private String text(JsonNode parent, String at, String field) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw fail(join(at, field), "is missing");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw fail(join(at, field), "must be a non-empty string, got " + n);
        }
        return n.asText();
    }

    private JsonNode array(JsonNode parent, String at, String field) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw fail(join(at, field), "is missing");
        }
        if (!n.isArray()) {
            throw fail(join(at, field), "must be a JSON array, got " + n);
        }
        return n;
    }

    private int integer(JsonNode parent, String at, String field, int min, boolean optional) {
        JsonNode n = parent.get(field);
        if (n == null && optional) {
            return min;
        }
        long v = longValue(parent, at, field);
        if (v < min || v > Integer.MAX_VALUE) {
            throw fail(join(at, field), "must be an integer within [" + min + ", " + Integer.MAX_VALUE + "], got " + v);
        }
        return (int) v;
    }

    private long longValue(JsonNode parent, String at, String field) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw fail(join(at, field), "is missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw fail(join(at, field), "must be a non-negative integer, got " + n);
        }
        return n.asLong();
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private InventoryFormatException fail(String at, String problem) {
        return new InventoryFormatException(source + (at.isEmpty() ? "" : ": " + at) + ": " + problem);
    }

    /** Writes an inventory in the same format {@link #parse} reads (for generators such as the local stack). */
    static String write(SiteInventory inventory) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", SiteInventory.FORMAT_VERSION);
        root.put("siteId", inventory.siteId());
        root.put("region", inventory.region());
        SiteNetwork net = inventory.network();
        if (net != null) {
            ObjectNode n = root.putObject("network").put("subnet", net.subnet()).put("gateway", net.gateway())
                    .put("firstAddress", net.firstAddress()).put("lastAddress", net.lastAddress())
                    .put("bridge", net.bridge());
            if (net.vlan() != null) {
                n.put("vlan", net.vlan());
            }
            if (net.mtu() != null) {
                n.put("mtu", net.mtu());
            }
        }
        var hosts = root.putArray("hosts");
        for (Host h : inventory.hosts()) {
            ObjectNode hn = hosts.addObject();
            hn.put("id", h.id());
            hn.put("failureDomain", h.failureDomain());
            hn.put("state", h.state().name());
            var caps = hn.putArray("capabilities");
            h.capabilities().stream().sorted().forEach(caps::add);
            hn.put("cpuAllocationRatio", h.cpuAllocationRatio());
            hn.putObject("reserved").put("cores", h.reserved().cores()).put("memoryMib", h.reserved().memoryMib());
            if (h.diskGib() > 0) {
                hn.put("diskGib", h.diskGib());
            }
            if (!h.physnetsByPf().isEmpty()) {
                ObjectNode pfs = hn.putObject("physnetsByPf");
                h.physnetsByPf().forEach(pfs::put);
            }
            if (h.numaNodes().isEmpty()) {
                continue;
            }
            var numa = hn.putArray("numaNodes");
            for (NumaNode n : h.numaNodes()) {
                ObjectNode nn = numa.addObject();
                nn.put("id", n.id()).put("cores", n.cores()).put("memoryMib", n.memoryMib()).put("hugepages1Gi", n.hugepages1Gi());
                ObjectNode vfs = nn.putObject("vfsByPhysnet");
                n.vfsByPhysnet().forEach(vfs::put);
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: writing a JSON tree", e);
        }
    }
}
