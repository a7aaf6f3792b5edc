package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attachments a cluster's network functions need: one per used physnet, with its VLAN and addresses. */
class NfNetworksTest {
    static final NfPods NAMING = new NfPods("edgefleet-nf", "nf/{kind}", "intel.com");
    static final PlannedCluster C1 = new PlannedCluster("c1", "team-a", "1.31.2", List.of(), List.of(), List.of("bm1"));
    static final PhysnetAddressing A = new PhysnetAddressing(120, "10.20.0.0/24", "10.20.0.10", "10.20.0.99", "10.20.0.1");

    static PlannedNetworkFunction nf(String id, String clusterId, Map<String, Integer> vfs) {
        return new PlannedNetworkFunction(id, clusterId, NetworkFunctionKind.UPF,
                List.of(new PlannedNfReplica(0, "bm1", 0, List.of(4, 5), 1, 1024, vfs)));
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void onePerPhysnetTheClustersReplicasTakeVfsOf() {
        List<NfNetwork> out = new NfNetworks(NAMING, Map.of("physnet-a", A)).of(C1, List.of(
                nf("upf-1", "c1", Map.of("physnet-a", 2, "physnet-c", 0)),
                nf("upf-2", "c1", Map.of("physnet-a", 1, "physnet-b", 1)),
                nf("upf-3", "c2", Map.of("physnet-z", 1))));

        assertEquals(List.of("sriov-physnet-a", "sriov-physnet-b"), out.stream().map(NfNetwork::name).toList(),
                "no VFs, or another cluster's, need no attachment here");
        NfNetwork a = out.get(0);
        assertEquals("edgefleet-nf-team-a", a.namespace());
        assertEquals("intel.com/sriov_physnet_a", a.resourceName(), "what the pods request");
    }

    @Test
    void aConfiguredPhysnetTagsItsVlanAndHandsOutAddressesClusterWide() throws Exception {
        NfNetwork a = new NfNetworks(NAMING, Map.of("physnet-a", A)).of(C1, List.of(nf("u", "c1", Map.of("physnet-a", 1))))
                .get(0);
        JsonNode config = json(a.cniConfig());

        assertEquals("1.0.0", config.get("cniVersion").asText());
        assertEquals("sriov-physnet-a", config.get("name").asText());
        assertEquals("sriov", config.get("type").asText());
        assertEquals(120, config.get("vlan").asInt());
        assertEquals("on", config.get("spoofchk").asText());
        assertEquals("off", config.get("trust").asText());
        JsonNode ipam = config.get("ipam");
        assertEquals("whereabouts", ipam.get("type").asText());
        assertEquals("10.20.0.0/24", ipam.get("range").asText());
        assertEquals("10.20.0.10", ipam.get("range_start").asText());
        assertEquals("10.20.0.99", ipam.get("range_end").asText());
        assertEquals("10.20.0.1", ipam.get("gateway").asText());
    }

    @Test
    void aPhysnetWithoutSettingsIsLayer2Only() throws Exception {
        NfNetwork b = new NfNetworks(NAMING, Map.of()).of(C1, List.of(nf("u", "c1", Map.of("physnet-b", 1)))).get(0);
        JsonNode config = json(b.cniConfig());

        assertFalse(config.has("ipam"), b.cniConfig());
        assertFalse(config.has("vlan"), "untagged");
        assertEquals("sriov", config.get("type").asText());
    }

    @Test
    void anotherVlanIsAnotherDefinition() {
        List<PlannedNetworkFunction> nfs = List.of(nf("u", "c1", Map.of("physnet-a", 1)));
        String before = new NfNetworks(NAMING, Map.of("physnet-a", A)).of(C1, nfs).get(0).specHash();
        PhysnetAddressing moved = new PhysnetAddressing(121, A.subnet(), A.rangeStart(), A.rangeEnd(), A.gateway());
        assertNotEquals(before, new NfNetworks(NAMING, Map.of("physnet-a", moved)).of(C1, nfs).get(0).specHash());
        assertEquals(before, new NfNetworks(NAMING, Map.of("physnet-a", A)).of(C1, nfs).get(0).specHash(), "stable");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> new PhysnetAddressing(4095, null, null, null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PhysnetAddressing(10, null, null, null, "10.0.0.1"));
        assertEquals("a range or gateway needs the subnet it belongs to", e.getMessage());
    }
}
