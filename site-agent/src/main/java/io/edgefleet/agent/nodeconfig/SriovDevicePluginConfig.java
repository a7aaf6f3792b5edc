package io.edgefleet.agent.nodeconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.cluster.NfPods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The SR-IOV network device plugin's {@code config.json} for one node host: one resource pool per physnet,
 * named by the rule the NF pods request with ({@link NfPods#resourceName}: {@code physnet-a} becomes
 * {@code sriov_physnet_a}, requested as {@code intel.com/sriov_physnet_a}), holding every VF of the physnet's
 * PFs, selected by PF name and VF index range ({@code ens1f0#0-7}). The plugin reports each VF's NUMA node to
 * the kubelet, which is how the topology manager keeps an NF's VFs on the NUMA node of its cores.
 *
 * <p>Kernel network VFs ({@code deviceType: netDevice}, the SR-IOV CNI moves them into the pod) without RDMA.
 * PFs with no VF are left out; a physnet with no VF on this host gets no pool.
 *
 * @param resourcePrefix the resource name's prefix, e.g. {@code intel.com}: the agent's
 *                       {@link NfPods#resourcePrefix()}
 */
public record SriovDevicePluginConfig(String resourcePrefix) {
    /** The plugin's default {@code -config-file}. */
    public static final String PATH = "/etc/pcidp/config.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SriovDevicePluginConfig {
        Objects.requireNonNull(resourcePrefix, "resourcePrefix");
        // A DNS subdomain: the plugin puts '/' between prefix and name itself.
        if (!resourcePrefix.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException("resourcePrefix: '" + resourcePrefix + "' must be a domain like intel.com");
        }
    }

    /** The configuration as a tree (field names as the plugin's README spells them). */
    public ObjectNode tree(NodeHost host) {
        Map<String, List<String>> pfNamesByResource = new TreeMap<>();
        Map<String, String> physnetByResource = new TreeMap<>();
        for (PhysnetPf pf : host.pfs()) {
            if (pf.vfs() == 0) {
                continue;
            }
            String resource = NfPods.resourceName(pf.physnet());
            String other = physnetByResource.putIfAbsent(resource, pf.physnet());
            if (other != null && !other.equals(pf.physnet())) {
                throw new IllegalArgumentException("host " + host.hostId() + ": resourceName: physnets " + other + " and "
                        + pf.physnet() + " both become " + resource + "; rename one of them in the inventory");
            }
            pfNamesByResource.computeIfAbsent(resource, r -> new ArrayList<>())
                    .add(pf.pf() + "#0" + (pf.vfs() > 1 ? "-" + (pf.vfs() - 1) : ""));
        }
        ObjectNode config = JSON.createObjectNode();
        ArrayNode pools = config.putArray("resourceList");
        pfNamesByResource.forEach((resource, pfNames) -> {
            ObjectNode pool = pools.addObject();
            pool.put("resourceName", resource);
            pool.put("resourcePrefix", resourcePrefix);
            pool.put("deviceType", "netDevice");
            ObjectNode selector = pool.putArray("selectors").addObject();
            ArrayNode names = selector.putArray("pfNames");
            pfNames.stream().sorted().forEach(names::add);
            selector.put("isRdma", false);
        });
        return config;
    }

    /** The configuration file's text. */
    public String json(NodeHost host) {
        try {
            return JSON.writeValueAsString(tree(host)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the SR-IOV device plugin configuration: "
                    + e.getClass().getSimpleName());
        }
    }
}
