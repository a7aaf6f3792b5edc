package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real openssl judges the cluster's CAs and the certificates they sign. */
class CertificatesOpensslTest {
    private static final String VIP = "10.20.0.100";
    private static final List<String> CONTROL_PLANE = List.of("10.20.0.11", "10.20.0.12", "10.20.0.13");
    private static final Instant NOW = Instant.now();

    @TempDir
    static Path dir;
    static ClusterSecrets secrets;
    static Openssl openssl;

    @BeforeAll
    static void writeTheClusterPki() throws Exception {
        secrets = ClusterPki.create("demo-3", NOW);
        openssl = new Openssl(dir);
        openssl.writeAll(secrets.kubeadmPkiFiles());
        List<String> ips = new java.util.ArrayList<>(List.of(VIP));
        ips.addAll(CONTROL_PLANE);
        CertificateAndKey apiServer = Certificates.apiServer(secrets.kubernetesCa(), "demo-3-cp-0", ips, NOW, Duration.ofDays(365));
        openssl.write("apiserver.crt", apiServer.certificatePem());
        openssl.write("apiserver.key", apiServer.privateKeyPem());
        CertificateAndKey client = Certificates.client(secrets.kubernetesCa(), "alice@team-a",
                List.of("kubeadm:cluster-admins"), NOW, Duration.ofHours(8));
        openssl.write("client.crt", client.certificatePem());
        openssl.write("client.key", client.privateKeyPem());
    }

    @Test
    void apiServerCertificateChainsToTheClusterCaForTheVipEveryControlPlaneAddressAndTheServiceNames() throws Exception {
        assertTrue(openssl.ok("verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "apiserver.crt").contains("apiserver.crt: OK"));
        for (String ip : List.of(VIP, CONTROL_PLANE.get(0), CONTROL_PLANE.get(1), CONTROL_PLANE.get(2), "10.96.0.1")) {
            openssl.ok("verify", "-CAfile", "ca.crt", "-verify_ip", ip, "apiserver.crt");
        }
        for (String name : List.of("kubernetes.default.svc.cluster.local", "kubernetes", "demo-3-cp-0")) {
            openssl.ok("verify", "-CAfile", "ca.crt", "-verify_hostname", name, "apiserver.crt");
        }
        assertNotEquals(0, openssl.run("verify", "-CAfile", "ca.crt", "-verify_ip", "10.20.0.99", "apiserver.crt").exitCode(),
                "an address not in the SANs must not verify");
        assertNotEquals(0, openssl.run("verify", "-CAfile", "etcd/ca.crt", "apiserver.crt").exitCode(),
                "another CA of the same cluster must not verify it");
    }

    @Test
    void apiServerExtensionsAreAServingCertificates() throws Exception {
        String ext = openssl.ok("x509", "-in", "apiserver.crt", "-noout", "-ext", "subjectAltName,keyUsage,extendedKeyUsage,basicConstraints");
        for (String san : List.of("IP Address:" + VIP, "IP Address:10.20.0.11", "IP Address:10.20.0.12", "IP Address:10.20.0.13",
                "IP Address:10.96.0.1", "DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc",
                "DNS:kubernetes.default.svc.cluster.local", "DNS:demo-3-cp-0")) {
            assertTrue(ext.contains(san), () -> san + " missing from\n" + ext);
        }
        assertTrue(ext.contains("X509v3 Key Usage: critical\n    Digital Signature, Key Encipherment"), ext);
        assertTrue(ext.contains("TLS Web Server Authentication"), ext);
        assertFalse(ext.contains("TLS Web Client Authentication"), ext);
        assertTrue(ext.contains("CA:FALSE"), ext);
        assertTrue(openssl.ok("x509", "-in", "apiserver.crt", "-noout", "-subject").contains("CN = kube-apiserver"));
    }

    @Test
    void clientCertificateChainsForClientAuthOnlyWithUserAndGroup() throws Exception {
        openssl.ok("verify", "-CAfile", "ca.crt", "-purpose", "sslclient", "client.crt");
        assertNotEquals(0, openssl.run("verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "client.crt").exitCode(),
                "a client certificate must not serve TLS");
        String ext = openssl.ok("x509", "-in", "client.crt", "-noout", "-ext", "keyUsage,extendedKeyUsage");
        assertTrue(ext.contains("X509v3 Key Usage: critical\n    Digital Signature\n"), ext);
        assertTrue(ext.contains("TLS Web Client Authentication"), ext);
        assertFalse(ext.contains("Server Authentication"), ext);
        assertEquals("subject=O = kubeadm:cluster-admins, CN = alice@team-a",
                openssl.ok("x509", "-in", "client.crt", "-noout", "-subject").strip());
        String serial = openssl.ok("x509", "-in", "client.crt", "-noout", "-serial").strip();
        assertEquals("serial=" + Certificates.serialHex(openssl.read("client.crt")), serial.toLowerCase());
        // Eight hours from now: still valid in 7 h 59 min, not in 8 h 1 min.
        openssl.ok("x509", "-in", "client.crt", "-noout", "-checkend", String.valueOf(8 * 3600 - 60));
        assertNotEquals(0, openssl.run("x509", "-in", "client.crt", "-noout", "-checkend", String.valueOf(8 * 3600 + 60)).exitCode());
    }

    @Test
    void serialHexMatchesOpensslAlsoWhenTheTopNibbleIsZero() throws Exception {
        // One serial in sixteen starts with a zero nibble; openssl prints whole bytes, so "0" leads.
        String certificate = null;
        for (int i = 0; i < 400 && certificate == null; i++) {
            String candidate = Certificates.client(secrets.kubernetesCa(), "carol", List.of("g"), NOW, Duration.ofHours(1))
                    .certificatePem();
            if (Certificates.serialHex(candidate).startsWith("0")) {
                certificate = candidate;
            }
        }
        assertTrue(certificate != null, "400 random serials and none with a zero top nibble");
        openssl.write("carol.crt", certificate);
        String serial = openssl.ok("x509", "-in", "carol.crt", "-noout", "-serial").strip();
        assertEquals("serial=" + Certificates.serialHex(certificate), serial.toLowerCase());
    }

    @Test
    void clientSerialsAreRandom128Bit() {
        String first = Certificates.client(secrets.kubernetesCa(), "bob", List.of("g"), NOW, Duration.ofHours(1)).certificatePem();
        String second = Certificates.client(secrets.kubernetesCa(), "bob", List.of("g"), NOW, Duration.ofHours(1)).certificatePem();
        assertNotEquals(Certificates.serialHex(first), Certificates.serialHex(second));
        assertTrue(new java.math.BigInteger(Certificates.serialHex(first), 16).bitLength() <= 128);
    }

    @Test
    void everyCaIsACriticalCaForCertificateSigningValidTenYears() throws Exception {
        for (String ca : List.of("ca.crt", "etcd/ca.crt", "front-proxy-ca.crt")) {
            String ext = openssl.ok("x509", "-in", ca, "-noout", "-ext", "basicConstraints,keyUsage");
            assertTrue(ext.contains("X509v3 Basic Constraints: critical\n    CA:TRUE"), ext);
            assertTrue(ext.contains("X509v3 Key Usage: critical") && ext.contains("Certificate Sign"), ext);
            openssl.ok("verify", "-CAfile", ca, ca);
            openssl.ok("x509", "-in", ca, "-noout", "-checkend", String.valueOf(Duration.ofDays(3649).toSeconds()));
            assertNotEquals(0, openssl.run("x509", "-in", ca, "-noout", "-checkend",
                    String.valueOf(Duration.ofDays(3651).toSeconds())).exitCode());
        }
        assertTrue(openssl.ok("x509", "-in", "ca.crt", "-noout", "-subject").contains("CN = kubernetes"));
        assertTrue(openssl.ok("x509", "-in", "etcd/ca.crt", "-noout", "-subject").contains("CN = etcd-ca"));
        assertTrue(openssl.ok("x509", "-in", "front-proxy-ca.crt", "-noout", "-subject").contains("CN = front-proxy-ca"));
    }

    @Test
    void everyKeyIsAValidP256KeyMatchingItsCertificate() throws Exception {
        for (String[] pair : new String[][] {{"ca.crt", "ca.key"}, {"etcd/ca.crt", "etcd/ca.key"},
                {"front-proxy-ca.crt", "front-proxy-ca.key"}, {"apiserver.crt", "apiserver.key"}, {"client.crt", "client.key"}}) {
            String check = openssl.ok("ec", "-in", pair[1], "-check", "-noout");
            assertTrue(check.contains("EC Key valid."), check);
            assertTrue(openssl.ok("ec", "-in", pair[1], "-noout", "-text").contains("ASN1 OID: prime256v1"));
            assertEquals(openssl.ok("x509", "-in", pair[0], "-noout", "-pubkey"), openssl.ok("pkey", "-in", pair[1], "-pubout"),
                    pair[1] + " must be the key of " + pair[0]);
        }
        openssl.ok("ec", "-in", "sa.key", "-check", "-noout");
        assertEquals(openssl.read("sa.pub"), openssl.ok("pkey", "-in", "sa.key", "-pubout"));
    }

    @Test
    void caCertHashIsKubeadmsDiscoveryHash() throws Exception {
        String hash = openssl.shell("openssl x509 -in ca.crt -pubkey -noout | openssl pkey -pubin -outform der | sha256sum");
        assertEquals("sha256:" + hash.split(" ")[0], secrets.caCertHash());
    }
}
