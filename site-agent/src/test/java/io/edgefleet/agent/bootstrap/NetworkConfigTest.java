package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.agent.driver.GuestSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cloud-init 22.4's {@code schema} checks user-data only, so the network-config goes through cloud-init's own
 * parser and renderer instead ({@code cloud-init devel net-convert} to systemd-networkd), and its shape is read
 * back.
 */
class NetworkConfigTest {
    @TempDir
    Path dir;

    @Test
    void cloudInitRendersTheStaticAddressOnTheInterfaceWithTheMicroVmsMac() throws IOException {
        CloudInitTool.require();
        GuestSeed seed = NodeSeeds.render(BootstrapFixtures.init(),
                SeedOptions.PRODUCTION.withNameservers(List.of("10.20.0.1", "9.9.9.9")));
        Path config = Files.writeString(dir.resolve("network-config"), seed.networkConfig());
        Path out = dir.resolve("out");

        CloudInitTool.Result result = CloudInitTool.netConvertToNetworkd(config, out);

        assertEquals(0, result.exitCode(), result.output());
        String network = Files.readString(out.resolve("etc/systemd/network/10-cloud-init-eth0.network"));
        assertTrue(network.contains("MACAddress=02:ef:0a:14:00:0b"), network);
        assertTrue(network.contains("Name=eth0"), network);
        assertTrue(network.contains("Address=10.20.0.11/24"), network);
        assertTrue(network.contains("Gateway=10.20.0.1"), network);
        assertTrue(network.contains("DNS=10.20.0.1 9.9.9.9"), network);
        assertTrue(network.contains("DHCP=no"), network);
    }

    @Test
    void shapeIsVersionTwoMatchedByMacAndRenamedEth0() {
        JsonNode doc = SeedDocuments.parse(NodeSeeds.render(BootstrapFixtures.worker()).networkConfig());

        assertEquals(2, doc.get("version").asInt());
        JsonNode eth0 = doc.get("ethernets").get("eth0");
        assertEquals("02:ef:0a:14:00:15", eth0.get("match").get("macaddress").asText());
        assertEquals("eth0", eth0.get("set-name").asText());
        assertEquals("10.20.0.21/24", eth0.get("addresses").get(0).asText());
        assertEquals("0.0.0.0/0", eth0.get("routes").get(0).get("to").asText());
        assertEquals("10.20.0.1", eth0.get("routes").get(0).get("via").asText());
        assertFalse(eth0.has("nameservers"), "no name servers unless given");
    }

    @Test
    void aNetworkWithoutGatewayHasNoRoute() {
        NodeAddress address = new NodeAddress("10.20.0.21", 24, null, "02:EF:0A:14:00:15");
        JsonNode eth0 = SeedDocuments.parse(NetworkConfig.render(address, List.of())).get("ethernets").get("eth0");

        assertFalse(eth0.has("routes"));
        assertEquals("02:ef:0a:14:00:15", eth0.get("match").get("macaddress").asText(), "MAC in lower case");
    }
}
