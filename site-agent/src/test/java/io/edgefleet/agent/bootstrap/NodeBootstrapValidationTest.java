package io.edgefleet.agent.bootstrap;

import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CA_CERT_HASH;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CA_KEY_PEM;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CERTIFICATE_KEY;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CONTROL_PLANE;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.CONTROL_PLANE_PKI;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.TOKEN;
import static io.edgefleet.agent.bootstrap.BootstrapFixtures.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs fail when the bootstrap is made, naming the field; no message or toString shows a secret. */
class NodeBootstrapValidationTest {
    private static final NodeAddress CP0 = BootstrapFixtures.address("10.20.0.11");

    @Test
    void misshapenSecretsAreNamedButNeverQuoted() {
        String badToken = "ABC123.s3cr3tt0k3n00001";
        assertFails("bootstrapToken", badToken, () -> init(badToken, CERTIFICATE_KEY, CONTROL_PLANE_PKI));
        String badKey = CERTIFICATE_KEY.substring(1);
        assertFails("certificateKey", badKey, () -> init(TOKEN, badKey, CONTROL_PLANE_PKI));
        String badHash = "sha1:" + CA_CERT_HASH.substring(7);
        assertFails("caCertHash", badHash, () -> new NodeBootstrap("demo-3", "demo-3-w-0", NodeBootstrapRole.JOIN_WORKER,
                "1.31", BootstrapFixtures.address("10.20.0.21"), VIP, CONTROL_PLANE, TOKEN, null, badHash, Map.of()));
    }

    @Test
    void pkiProblemsNameThePathNotTheContent() {
        Map<String, String> notPem = new HashMap<>(CONTROL_PLANE_PKI);
        notPem.put("sa.key", "s3cr3t-key-bytes");
        assertFails("pkiFiles[sa.key]", "s3cr3t-key-bytes", () -> init(TOKEN, CERTIFICATE_KEY, notPem));

        Map<String, String> escaping = new HashMap<>(CONTROL_PLANE_PKI);
        escaping.put("../../root/.ssh/authorized_keys.pub", CA_KEY_PEM);
        assertFails("pkiFiles", BootstrapFixtures.pemBody(CA_KEY_PEM), () -> init(TOKEN, CERTIFICATE_KEY, escaping));

        Map<String, String> unknownKind = new HashMap<>(CONTROL_PLANE_PKI);
        unknownKind.put("ca.pem", CA_KEY_PEM);
        assertFails("pkiFiles[ca.pem]", BootstrapFixtures.pemBody(CA_KEY_PEM), () -> init(TOKEN, CERTIFICATE_KEY, unknownKind));

        Map<String, String> noCaKey = new HashMap<>(CONTROL_PLANE_PKI);
        noCaKey.remove("ca.key");
        assertFails("ca.key", BootstrapFixtures.pemBody(CA_KEY_PEM), () -> init(TOKEN, CERTIFICATE_KEY, noCaKey));
    }

    @Test
    void workersGetNeitherPrivateKeysNorTheCertificateKey() {
        NodeAddress w0 = BootstrapFixtures.address("10.20.0.21");
        assertFails("pkiFiles[ca.key]", BootstrapFixtures.pemBody(CA_KEY_PEM), () -> new NodeBootstrap("demo-3",
                "demo-3-w-0", NodeBootstrapRole.JOIN_WORKER, "1.31", w0, VIP, CONTROL_PLANE, TOKEN, null, CA_CERT_HASH,
                Map.of("ca.key", CA_KEY_PEM)));
        assertFails("certificateKey", CERTIFICATE_KEY, () -> new NodeBootstrap("demo-3", "demo-3-w-0",
                NodeBootstrapRole.JOIN_WORKER, "1.31", w0, VIP, CONTROL_PLANE, TOKEN, CERTIFICATE_KEY, CA_CERT_HASH, Map.of()));
    }

    @Test
    void shapesOfIdsAddressesAndVersionsAreCheckedWithoutEchoingTheValue() {
        assertFails("microVmId", "Demo_3/cp-0", () -> new NodeBootstrap("demo-3", "Demo_3/cp-0", NodeBootstrapRole.INIT, "1.31",
                CP0, VIP, CONTROL_PLANE, TOKEN, CERTIFICATE_KEY, null, CONTROL_PLANE_PKI));
        assertFails("kubernetesVersion", "1.30.2", () -> new NodeBootstrap("demo-3", "demo-3-cp-0", NodeBootstrapRole.INIT,
                "1.30.2", CP0, VIP, CONTROL_PLANE, TOKEN, CERTIFICATE_KEY, null, CONTROL_PLANE_PKI));
        assertFails("controlPlaneAddresses", "10.20.0.300", () -> new NodeBootstrap("demo-3", "demo-3-cp-0", NodeBootstrapRole.INIT,
                "1.31", CP0, VIP, List.of("10.20.0.300"), TOKEN, CERTIFICATE_KEY, null, CONTROL_PLANE_PKI));
        assertFails("controlPlaneEndpoint", "10.30.0.5", () -> new NodeBootstrap("demo-3", "demo-3-cp-0", NodeBootstrapRole.INIT,
                "1.31", CP0, "10.30.0.5", CONTROL_PLANE, TOKEN, CERTIFICATE_KEY, null, CONTROL_PLANE_PKI));
        assertFails("address.macAddress", "02:ef:0a:14:00", () -> new NodeAddress("10.20.0.11", 24, "10.20.0.1", "02:ef:0a:14:00"));
        assertFails("address.gateway", "10.21.0.1", () -> new NodeAddress("10.20.0.11", 24, "10.21.0.1", "02:ef:0a:14:00:0b"));
        assertFails("address.prefixLength", "33", () -> new NodeAddress("10.20.0.11", 33, null, "02:ef:0a:14:00:0b"));
    }

    @Test
    void toStringShowsNoSecret() {
        String shown = BootstrapFixtures.init().toString() + NodeSeeds.render(BootstrapFixtures.init());

        assertFalse(shown.contains(TOKEN), shown);
        assertFalse(shown.contains(CERTIFICATE_KEY), shown);
        assertFalse(shown.contains(BootstrapFixtures.pemBody(CA_KEY_PEM)), shown);
        assertTrue(shown.contains("demo-3-cp-0"), shown);
        assertTrue(shown.contains("ca.key"), "names the files it holds: " + shown);
    }

    private static NodeBootstrap init(String token, String certificateKey, Map<String, String> pki) {
        return new NodeBootstrap("demo-3", "demo-3-cp-0", NodeBootstrapRole.INIT, "1.31", CP0, VIP, CONTROL_PLANE,
                token, certificateKey, null, pki);
    }

    private static void assertFails(String field, String secret, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().startsWith(field) || e.getMessage().contains(field), e.getMessage());
        assertFalse(e.getMessage().contains(secret), "the message quotes the value: " + e.getMessage());
        assertEquals(null, e.getCause());
    }
}
