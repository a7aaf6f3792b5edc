package io.edgefleet.agent.bootstrap;

import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CA_CERT_HASH;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CERTIFICATE_KEY;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubeadm configuration read back: kinds, field names and values as kubeadm's v1beta4 types spell them. */
class KubeadmConfigsTest {

    @Test
    void initHasInitAndClusterConfiguration() {
        List<JsonNode> docs = SeedDocuments.kubeadmDocuments(NodeSeeds.render(BootstrapFixtures.init()));

        assertEquals(2, docs.size());
        JsonNode init = docs.get(0);
        assertEquals("kubeadm.k8s.io/v1beta4", init.get("apiVersion").asText());
        assertEquals("InitConfiguration", init.get("kind").asText());
        assertEquals("demo-3-cp-0", init.at("/nodeRegistration/name").asText());
        assertEquals("10.20.0.11", init.at("/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(6443, init.at("/localAPIEndpoint/bindPort").asInt());
        assertEquals(CERTIFICATE_KEY, init.get("certificateKey").asText());
        JsonNode token = init.get("bootstrapTokens").get(0);
        assertEquals(TOKEN, token.get("token").asText());
        assertEquals("24h0m0s", token.get("ttl").asText());
        assertEquals(List.of("signing", "authentication"), texts(token.get("usages")));

        JsonNode cluster = docs.get(1);
        assertEquals("kubeadm.k8s.io/v1beta4", cluster.get("apiVersion").asText());
        assertEquals("ClusterConfiguration", cluster.get("kind").asText());
        assertEquals("10.20.0.5:6443", cluster.get("controlPlaneEndpoint").asText());
        assertEquals("v1.31.4", cluster.get("kubernetesVersion").asText());
        assertEquals("/etc/kubernetes/pki", cluster.get("certificatesDir").asText());
        assertEquals("ECDSA-P256", cluster.get("encryptionAlgorithm").asText());
        assertEquals("10.244.0.0/16", cluster.at("/networking/podSubnet").asText());
        assertEquals("10.96.0.0/12", cluster.at("/networking/serviceSubnet").asText());
        assertEquals(List.of("10.20.0.5", "10.20.0.11", "10.20.0.12", "10.20.0.13"), texts(cluster.at("/apiServer/certSANs")));
    }

    @Test
    void controlPlaneJoinPinsTheCaAndCarriesTheCertificateKey() {
        List<JsonNode> docs = SeedDocuments.kubeadmDocuments(NodeSeeds.render(BootstrapFixtures.joinControlPlane()));

        assertEquals(1, docs.size());
        JsonNode join = docs.get(0);
        assertEquals("kubeadm.k8s.io/v1beta4", join.get("apiVersion").asText());
        assertEquals("JoinConfiguration", join.get("kind").asText());
        assertEquals("demo-3-cp-1", join.at("/nodeRegistration/name").asText());
        assertEquals("10.20.0.5:6443", join.at("/discovery/bootstrapToken/apiServerEndpoint").asText());
        assertEquals(TOKEN, join.at("/discovery/bootstrapToken/token").asText());
        assertEquals(List.of(CA_CERT_HASH), texts(join.at("/discovery/bootstrapToken/caCertHashes")));
        assertEquals(CERTIFICATE_KEY, join.at("/controlPlane/certificateKey").asText());
        assertEquals("10.20.0.12", join.at("/controlPlane/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(6443, join.at("/controlPlane/localAPIEndpoint/bindPort").asInt());
    }

    @Test
    void workerJoinHasNoControlPlaneAndNoCertificateKey() {
        String config = SeedDocuments.content(NodeSeeds.render(BootstrapFixtures.worker()), BootstrapDefaults.KUBEADM_CONFIG_PATH);
        JsonNode join = SeedDocuments.parse(config);

        assertEquals("JoinConfiguration", join.get("kind").asText());
        assertEquals("demo-3-w-0", join.at("/nodeRegistration/name").asText());
        assertEquals(List.of(CA_CERT_HASH), texts(join.at("/discovery/bootstrapToken/caCertHashes")));
        assertFalse(join.has("controlPlane"));
        assertFalse(config.contains("certificateKey"));
    }

    @Test
    void aMinorVersionBecomesKubeadmsStableLabelOfThatMinor() {
        assertEquals("stable-1.32", KubeadmVersion.parse("1.32").forKubeadm());
        assertEquals("stable-1.31", KubeadmVersion.parse("v1.31").forKubeadm());
        assertEquals("v1.33.1", KubeadmVersion.parse("1.33.1").forKubeadm());
        assertEquals("v1.31.0-rc.1", KubeadmVersion.parse("v1.31.0-rc.1").forKubeadm());
    }

    @Test
    void certSansNameEachAddressOnce() {
        NodeBootstrap node = new NodeBootstrap("demo-1", "demo-1-cp-0", NodeBootstrapRole.INIT, "1.31",
                BootstrapFixtures.address("10.20.0.11"), "10.20.0.5", List.of("10.20.0.11", "10.20.0.5"),
                TOKEN, CERTIFICATE_KEY, null, BootstrapFixtures.CONTROL_PLANE_PKI);
        JsonNode cluster = KubeadmConfigs.clusterConfiguration(node);

        assertEquals(List.of("10.20.0.5", "10.20.0.11"), texts(cluster.at("/apiServer/certSANs")));
        assertEquals("stable-1.31", cluster.get("kubernetesVersion").asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
