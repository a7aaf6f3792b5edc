package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.agent.driver.GuestSeed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which files a seed writes, with which modes, and the meta-data that names the instance. */
class SeedFilesTest {

    @Test
    void keysAndWhatHoldsSecretsAreRootOnlyCertificatesAndPublicKeysReadable() {
        Map<String, JsonNode> files = SeedDocuments.files(NodeSeeds.render(BootstrapFixtures.init()));

        for (String key : List.of("ca.key", "sa.key", "front-proxy-ca.key", "etcd/ca.key", "apiserver.key")) {
            assertEquals("0600", files.get("/etc/kubernetes/pki/" + key).get("permissions").asText(), key);
        }
        for (String pub : List.of("ca.crt", "sa.pub", "front-proxy-ca.crt", "etcd/ca.crt", "apiserver.crt")) {
            assertEquals("0644", files.get("/etc/kubernetes/pki/" + pub).get("permissions").asText(), pub);
        }
        assertEquals("0600", files.get(BootstrapDefaults.KUBEADM_CONFIG_PATH).get("permissions").asText());
        files.values().forEach(f -> assertEquals("root:root", f.get("owner").asText(), f.get("path").asText()));
        assertEquals(BootstrapFixtures.CA_KEY_PEM, files.get("/etc/kubernetes/pki/ca.key").get("content").asText(),
                "PEM content written byte for byte");
    }

    @Test
    void workerGetsItsKubeadmConfigAndNoKey() {
        Map<String, JsonNode> files = SeedDocuments.files(NodeSeeds.render(BootstrapFixtures.worker()));

        assertEquals(List.of(BootstrapDefaults.KUBEADM_CONFIG_PATH, "/etc/kubernetes/pki/ca.crt"), List.copyOf(files.keySet()));
    }

    @Test
    void productionSeedsDoNotPowerOff() {
        assertTrue(SeedDocuments.userData(NodeSeeds.render(BootstrapFixtures.init())).path("power_state").isMissingNode());
        JsonNode power = SeedDocuments.userData(NodeSeeds.render(BootstrapFixtures.init(),
                SeedOptions.PRODUCTION.withPowerOffWhenDone())).get("power_state");
        assertEquals("poweroff", power.get("mode").asText());
    }

    @Test
    void instanceIdIsTheMicroVmIdAndAHashOfTheSeedSoOnlyAChangedSeedIsANewInstance() {
        GuestSeed seed = NodeSeeds.render(BootstrapFixtures.joinControlPlane());
        JsonNode meta = SeedDocuments.parse(seed.metaData());

        assertEquals("demo-3-cp-1", meta.get("local-hostname").asText());
        String instanceId = meta.get("instance-id").asText();
        assertTrue(instanceId.matches("demo-3-cp-1-[0-9a-f]{12}"), instanceId);
        assertEquals(seed, NodeSeeds.render(BootstrapFixtures.joinControlPlane()), "the same bootstrap renders the same seed");
        String powered = SeedDocuments.parse(NodeSeeds.render(BootstrapFixtures.joinControlPlane(),
                SeedOptions.PRODUCTION.withPowerOffWhenDone()).metaData()).get("instance-id").asText();
        assertNotEquals(instanceId, powered);
    }
}
