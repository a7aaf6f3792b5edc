package io.edgefleet.agent.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The NetworkAttachmentDefinitions a cluster's network-function pods attach to: one per physnet any of
 * its replicas takes VFs of, in the team's namespace, named and resourced as {@link NfPods} names them,
 * with the physnet's VLAN and addresses from the site's address plan.
 *
 * <p>Addresses come from whereabouts, not host-local: host-local keeps what it handed out in a file on
 * each node, so two replicas on different nodes of one VLAN would get the same address; whereabouts
 * keeps the allocations in the cluster's API server, one pool for all its nodes.
 */
public final class NfNetworks {
    private static final Logger LOG = Logger.getLogger(NfNetworks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SR-IOV CNI's configuration version; the SR-IOV CNI and whereabouts both speak 1.0.0. */
    static final String CNI_VERSION = "1.0.0";

    private final NfPods naming;
    private final Map<String, PhysnetAddressing> physnets;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param naming   namespaces, names and resource names, as the pods use them
     * @param physnets each physnet's VLAN and addresses; a physnet not named here is attached at layer 2 only
     */
    public NfNetworks(NfPods naming, Map<String, PhysnetAddressing> physnets) {
        this.naming = naming;
        this.physnets = Map.copyOf(physnets);
    }

    /** The definitions the network functions of the cluster need (those of other clusters are ignored). */
    public List<NfNetwork> of(PlannedCluster cluster, List<PlannedNetworkFunction> networkFunctions) {
        Set<String> used = new TreeSet<>();
        networkFunctions.stream().filter(nf -> nf.clusterId().equals(cluster.clusterId()))
                .flatMap(nf -> nf.replicas().stream())
                .map(PlannedNfReplica::vfsByPhysnet)
                .forEach(vfs -> vfs.forEach((physnet, count) -> {
                    if (count > 0) {
                        used.add(physnet);
                    }
                }));
        List<NfNetwork> networks = new ArrayList<>();
        for (String physnet : used) {
            networks.add(network(naming.namespace(cluster), physnet));
        }
        return networks;
    }

    private NfNetwork network(String namespace, String physnet) {
        String name = NfPods.networkName(physnet);
        String resource = naming.requestedResource(physnet);
        String config = cniConfig(name, addressing(physnet));
        return new NfNetwork(name, namespace, physnet, resource, config,
                NfPods.hash(name + '|' + namespace + '|' + resource + '|' + config));
    }

    private PhysnetAddressing addressing(String physnet) {
        PhysnetAddressing configured = physnets.get(physnet);
        if (configured != null) {
            return configured;
        }
        if (warned.add(physnet)) {
            LOG.warnf("physnet %s has no edgefleet.agent.cluster.physnets.\"%s\" settings: its network functions "
                    + "get untagged VFs without addresses (layer 2 only)", physnet, physnet);
        }
        return PhysnetAddressing.LAYER2_ONLY;
    }

    /**
     * The SR-IOV CNI's configuration: the VF tags with the physnet's VLAN; spoof checking stays on and trust off
     * (a network function must not send as another MAC nor change its VF's settings from inside the pod).
     */
    static String cniConfig(String name, PhysnetAddressing addressing) {
        ObjectNode config = JSON.createObjectNode();
        config.put("cniVersion", CNI_VERSION);
        config.put("name", name);
        config.put("type", "sriov");
        if (addressing.vlan() != null) {
            config.put("vlan", addressing.vlan());
        }
        config.put("spoofchk", "on");
        config.put("trust", "off");
        if (addressing.hasAddresses()) {
            ObjectNode ipam = config.putObject("ipam");
            ipam.put("type", "whereabouts");
            ipam.put("range", addressing.subnet());
            putIfSet(ipam, "range_start", addressing.rangeStart());
            putIfSet(ipam, "range_end", addressing.rangeEnd());
            putIfSet(ipam, "gateway", addressing.gateway());
        }
        return config.toString();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
