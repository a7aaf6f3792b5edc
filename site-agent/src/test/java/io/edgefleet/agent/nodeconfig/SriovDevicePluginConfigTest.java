package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.cluster.NfPods;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SR-IOV network device plugin's config.json, parsed back. */
class SriovDevicePluginConfigTest {
    /**
     * JSON field names of the plugin's configuration, from k8snetworkplumbingwg/sriov-network-device-plugin
     * README.md ("Config parameters", "Network devices selectors") and pkg/types/types.go (commit 40b6f507,
     * 2026): ResourceConfList, ResourceConfig, and the netDevice selectors.
     */
    static final Set<String> TOP_LEVEL = Set.of("resourceList");
    static final Set<String> RESOURCE_CONFIG = Set.of("resourceName", "resourcePrefix", "deviceType",
            "excludeTopology", "selectors", "additionalInfo");
    static final Set<String> NET_DEVICE_SELECTORS = Set.of("vendors", "devices", "drivers", "pciAddresses",
            "acpiIndexes", "pfNames", "rootDevices", "linkTypes", "ddpProfiles", "pKeys", "isRdma", "needVhostNet",
            "vdpaType");
    /** The README: a resource name has no special characters, hyphens included. */
    static final String RESOURCE_NAME = "[A-Za-z0-9_]+";
    /** The README's pfNames form {@code <PFName>#<FirstVF>-<LastVF>}, as this renderer writes it. */
    static final String PF_WITH_VF_RANGE = "[^#,]+#0(-[0-9]+)?";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKeyIsAFieldThePluginReads() throws Exception {
        JsonNode config = JSON.readTree(new SriovDevicePluginConfig("intel.com").json(ExampleHost.host()));

        assertKeys(TOP_LEVEL, config);
        for (JsonNode pool : config.get("resourceList")) {
            assertKeys(RESOURCE_CONFIG, pool);
            assertTrue(pool.get("selectors").isArray(), "the README's preferred list syntax");
            for (JsonNode selector : pool.get("selectors")) {
                assertKeys(NET_DEVICE_SELECTORS, selector);
            }
        }
    }

    @Test
    void onePoolPerPhysnetNamedAsThePodsRequestItWithEveryVfByRange() throws Exception {
        JsonNode config = JSON.readTree(new SriovDevicePluginConfig("intel.com").json(ExampleHost.host()));

        JsonNode pools = config.get("resourceList");
        assertEquals(2, pools.size());
        JsonNode a = pools.get(0);
        assertEquals("sriov_physnet_a", a.get("resourceName").asText());
        assertEquals("intel.com", a.get("resourcePrefix").asText());
        assertEquals("netDevice", a.get("deviceType").asText());
        JsonNode selector = a.get("selectors").get(0);
        assertEquals(List.of("ens1f0#0-7", "ens1f1#0-3"), texts(selector.get("pfNames")));
        assertFalse(selector.get("isRdma").asBoolean());
        assertTrue(selector.get("isRdma").isBoolean());
        JsonNode b = pools.get(1);
        assertEquals("sriov_physnet_b", b.get("resourceName").asText());
        assertEquals(List.of("ens2f0#0-7"), texts(b.get("selectors").get(0).get("pfNames")));
        for (JsonNode pool : pools) {
            assertTrue(pool.get("resourceName").asText().matches(RESOURCE_NAME), pool.toString());
            texts(pool.get("selectors").get(0).get("pfNames")).forEach(pf -> assertTrue(pf.matches(PF_WITH_VF_RANGE), pf));
        }
    }

    @Test
    void everyPoolIsAResourceTheNfPodsRequestUnderTheAgentsPrefix() throws Exception {
        for (String configured : List.of("intel.com", "intel.com/sriov_")) { // today's and the older setting
            NfPods pods = new NfPods("edgefleet-nf", "registry.example/nf/{kind}:1", configured);
            JsonNode config = JSON.readTree(new SriovDevicePluginConfig(pods.resourcePrefix()).json(ExampleHost.host()));

            List<String> offered = new ArrayList<>();
            config.get("resourceList").forEach(pool ->
                    offered.add(pool.get("resourcePrefix").asText() + "/" + pool.get("resourceName").asText()));
            assertEquals(List.of(pods.requestedResource("physnet-a"), pods.requestedResource("physnet-b")), offered);
            assertEquals(List.of("intel.com/sriov_physnet_a", "intel.com/sriov_physnet_b"), offered);
        }
    }

    @Test
    void aSingleVfIsOneIndexAndPfsWithoutVfsAreLeftOut() throws Exception {
        NodeHost host = withPfs(List.of(new PhysnetPf("n3.uplink", "ens3f0", 1), new PhysnetPf("n6", "ens4f0", 0)));

        JsonNode pools = JSON.readTree(new SriovDevicePluginConfig("example.com").json(host)).get("resourceList");

        assertEquals(1, pools.size());
        assertEquals("sriov_n3_uplink", pools.get(0).get("resourceName").asText());
        assertEquals(List.of("ens3f0#0"), texts(pools.get(0).get("selectors").get(0).get("pfNames")));
    }

    @Test
    void physnetsThatCollideOnOneResourceNameAreRefused() {
        NodeHost host = withPfs(List.of(new PhysnetPf("physnet-a", "ens1f0", 4), new PhysnetPf("physnet_a", "ens2f0", 4)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SriovDevicePluginConfig("intel.com").json(host));

        assertTrue(e.getMessage().contains("resourceName: physnets physnet-a and physnet_a both become sriov_physnet_a"),
                e.getMessage());
    }

    @Test
    void refusesAPrefixThatIsNotADomainAndPfNamesThatBreakTheSelector() {
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> new SriovDevicePluginConfig("intel.com/sriov_"));
        assertTrue(prefix.getMessage().startsWith("resourcePrefix:"), prefix.getMessage());

        IllegalArgumentException pf = assertThrows(IllegalArgumentException.class,
                () -> new PhysnetPf("physnet-a", "ens1f0#3", 4));
        assertTrue(pf.getMessage().startsWith("pfNames:"), pf.getMessage());
    }

    private static NodeHost withPfs(List<PhysnetPf> pfs) {
        NodeHost h = ExampleHost.host();
        return new NodeHost(h.hostId(), h.numaNodes(), h.systemReservedCpus(), h.microVmCpus(), h.memory(), pfs);
    }

    private static void assertKeys(Set<String> allowed, JsonNode node) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        assertEquals(List.of(), unknown, "keys the plugin does not read");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
