package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.AgentConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster side's settings as an operator writes them in agent.conf, read by the agent's own mapping. */
class PhysnetSettingsTest {
    static AgentConfig.ClusterSide read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AgentConfig.ClusterSide.class, "edgefleet.agent.cluster")
                .withSources(new PropertiesConfigSource(properties, "agent.conf", 100))
                .build();
        return config.getConfigMapping(AgentConfig.ClusterSide.class, "edgefleet.agent.cluster");
    }

    @Test
    void aPhysnetsVlanAndAddressesByItsQuotedName() {
        AgentConfig.ClusterSide cluster = read(Map.of(
                "edgefleet.agent.cluster.physnets.\"physnet-a\".vlan", "120",
                "edgefleet.agent.cluster.physnets.\"physnet-a\".subnet", "10.20.0.0/24",
                "edgefleet.agent.cluster.physnets.\"physnet-a\".range-start", "10.20.0.10",
                "edgefleet.agent.cluster.physnets.\"physnet-a\".range-end", "10.20.0.99",
                "edgefleet.agent.cluster.physnets.\"physnet-a\".gateway", "10.20.0.1",
                "edgefleet.agent.cluster.physnets.\"physnet-b\".vlan", "130"));

        AgentConfig.Physnet a = cluster.physnets().get("physnet-a");
        assertEquals(new PhysnetAddressing(120, "10.20.0.0/24", "10.20.0.10", "10.20.0.99", "10.20.0.1"),
                PhysnetAddressing.of(a.vlan(), a.subnet(), a.rangeStart(), a.rangeEnd(), a.gateway()));
        AgentConfig.Physnet b = cluster.physnets().get("physnet-b");
        assertEquals(new PhysnetAddressing(130, null, null, null, null),
                PhysnetAddressing.of(b.vlan(), b.subnet(), b.rangeStart(), b.rangeEnd(), b.gateway()), "tagged, layer 2");
    }

    @Test
    void withoutSettingsNoPhysnetAndTheIntelPrefix() {
        AgentConfig.ClusterSide cluster = read(Map.of());
        assertTrue(cluster.physnets().isEmpty());
        assertEquals("intel.com", cluster.sriovResourcePrefix());
        assertEquals("edgefleet-nf", cluster.nfNamespace());
    }
}
