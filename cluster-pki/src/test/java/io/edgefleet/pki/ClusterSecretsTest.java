package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSecretsTest {
    private final ClusterSecrets secrets = ClusterPki.create("demo-3", Instant.now());

    @Test
    void encodeDecodeRoundTrips() {
        ClusterSecrets decoded = ClusterSecrets.decode(secrets.encode());
        assertEquals(secrets, decoded);
        assertEquals(secrets.caCertHash(), decoded.caCertHash());
    }

    @Test
    void theEncodingNamesItsFormatAndVersionAndRefusesOthers() {
        String text = new String(secrets.encode(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("edgefleet-cluster-secrets/1\n"), text.substring(0, 30));
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> ClusterSecrets.decode(
                text.replaceFirst("/1\n", "/2\n").getBytes(StandardCharsets.UTF_8)));
        assertTrue(newer.getMessage().contains("version 2 is not supported"), newer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterSecrets.decode("hello".getBytes(StandardCharsets.UTF_8)));
        String withoutToken = text.replaceAll("bootstrapToken=[^\n]*\n", "");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClusterSecrets.decode(withoutToken.getBytes(StandardCharsets.UTF_8)));
        assertTrue(missing.getMessage().contains("bootstrapToken"), missing.getMessage());
        // A later writer's extra field is skipped, not an error.
        assertEquals(secrets, ClusterSecrets.decode((text + "addedLater=eA==\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tokenAndCertificateKeyHaveKubeadmsShapeAndDifferPerCluster() {
        assertTrue(secrets.bootstrapToken().matches("[a-z0-9]{6}\\.[a-z0-9]{16}"), "token shape");
        assertTrue(secrets.certificateKey().matches("[0-9a-f]{64}"), "certificate key shape");
        ClusterSecrets other = ClusterPki.create("demo-4", Instant.now());
        assertNotEquals(secrets.bootstrapToken(), other.bootstrapToken());
        assertNotEquals(secrets.certificateKey(), other.certificateKey());
        assertNotEquals(secrets.caCertHash(), other.caCertHash());
        assertTrue(secrets.caCertHash().matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void threeDistinctCasAndKubeadmsFileLayout() {
        assertEquals(List.of("ca.crt", "ca.key", "sa.key", "sa.pub", "front-proxy-ca.crt", "front-proxy-ca.key",
                "etcd/ca.crt", "etcd/ca.key"), List.copyOf(secrets.kubeadmPkiFiles().keySet()));
        assertNotEquals(secrets.kubernetesCa().certificatePem(), secrets.etcdCa().certificatePem());
        assertNotEquals(secrets.etcdCa().privateKeyPem(), secrets.frontProxyCa().privateKeyPem());
        secrets.kubeadmPkiFiles().forEach((path, pem) -> assertTrue(pem.startsWith("-----BEGIN "), path));
    }

    @Test
    void toStringNeverShowsAKeyTheTokenOrTheCertificateKey() {
        String shown = secrets.toString() + secrets.kubernetesCa() + secrets.etcdCa();
        assertFalse(shown.contains("PRIVATE KEY"), shown);
        assertFalse(shown.contains(secrets.bootstrapToken()), shown);
        assertFalse(shown.contains(secrets.bootstrapToken().substring(0, 6)), shown);
        assertFalse(shown.contains(secrets.certificateKey()), shown);
        for (String pem : List.of(secrets.kubernetesCa().privateKeyPem(), secrets.etcdCa().privateKeyPem(),
                secrets.frontProxyCa().privateKeyPem(), secrets.serviceAccountPrivateKeyPem())) {
            String body = pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
            assertFalse(shown.contains(body.substring(0, 20)), shown);
        }
        assertTrue(shown.contains("demo-3"), shown);
    }

    @Test
    void refusesMalformedTokenOrCertificateKeyWithoutEchoingThem() {
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class, () -> new ClusterSecrets("c",
                secrets.kubernetesCa(), secrets.etcdCa(), secrets.frontProxyCa(), secrets.serviceAccountPublicKeyPem(),
                secrets.serviceAccountPrivateKeyPem(), "SECRET.TOKEN", secrets.certificateKey()));
        assertFalse(token.getMessage().contains("SECRET"), token.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClusterSecrets("c", secrets.kubernetesCa(), secrets.etcdCa(),
                secrets.frontProxyCa(), secrets.serviceAccountPublicKeyPem(), secrets.serviceAccountPrivateKeyPem(),
                secrets.bootstrapToken(), "abc"));
    }
}
