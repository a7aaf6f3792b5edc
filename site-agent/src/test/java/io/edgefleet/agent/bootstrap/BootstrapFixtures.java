package io.edgefleet.agent.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A three-replica cluster on the 10.20.0.0/24 site network, with real ECDSA P-256 keys (the CA pin is the
 * SHA-256 of the CA key's real SubjectPublicKeyInfo). Certificates are placeholders: the seed only carries them.
 */
final class BootstrapFixtures {
    static final String CLUSTER = "demo-3";
    static final String VIP = "10.20.0.5";
    static final List<String> CONTROL_PLANE = List.of("10.20.0.11", "10.20.0.12", "10.20.0.13");
    static final String TOKEN = "abc123.s3cr3tt0k3n00001";
    static final String CERTIFICATE_KEY = "5ec7e7".repeat(10) + "abcd";
    static final KeyPair CA = ecKeyPair();
    static final String CA_KEY_PEM = pem("PRIVATE KEY", CA.getPrivate().getEncoded());
    static final String CA_CERT_HASH = "sha256:" + HexFormat.of().formatHex(sha256(CA.getPublic().getEncoded()));
    static final Map<String, String> CONTROL_PLANE_PKI = controlPlanePki();

    private BootstrapFixtures() {
    }

    static NodeBootstrap init() {
        return node("demo-3-cp-0", NodeBootstrapRole.INIT, "10.20.0.11", CERTIFICATE_KEY, CONTROL_PLANE_PKI);
    }

    static NodeBootstrap joinControlPlane() {
        return node("demo-3-cp-1", NodeBootstrapRole.JOIN_CONTROL_PLANE, "10.20.0.12", CERTIFICATE_KEY, CONTROL_PLANE_PKI);
    }

    static NodeBootstrap worker() {
        return node("demo-3-w-0", NodeBootstrapRole.JOIN_WORKER, "10.20.0.21", null, Map.of("ca.crt", certificate()));
    }

    static NodeBootstrap node(String microVmId, NodeBootstrapRole role, String ip, String certificateKey,
                              Map<String, String> pki) {
        return new NodeBootstrap(CLUSTER, microVmId, role, "v1.31.4", address(ip), VIP, CONTROL_PLANE, TOKEN,
                certificateKey, CA_CERT_HASH, pki);
    }

    static NodeAddress address(String ip) {
        String[] octets = ip.split("\\.");
        return new NodeAddress(ip, 24, "10.20.0.1", String.format("02:ef:%02x:%02x:%02x:%02x",
                Integer.parseInt(octets[0]), Integer.parseInt(octets[1]), Integer.parseInt(octets[2]),
                Integer.parseInt(octets[3])));
    }

    /** What kubeadm's {@code certs} phase would otherwise make, as the control plane gets it. */
    private static Map<String, String> controlPlanePki() {
        Map<String, String> pki = new LinkedHashMap<>();
        KeyPair sa = ecKeyPair();
        pki.put("ca.crt", certificate());
        pki.put("ca.key", CA_KEY_PEM);
        pki.put("sa.key", pem("PRIVATE KEY", sa.getPrivate().getEncoded()));
        pki.put("sa.pub", pem("PUBLIC KEY", sa.getPublic().getEncoded()));
        pki.put("front-proxy-ca.crt", certificate());
        pki.put("front-proxy-ca.key", pem("PRIVATE KEY", ecKeyPair().getPrivate().getEncoded()));
        pki.put("etcd/ca.crt", certificate());
        pki.put("etcd/ca.key", pem("PRIVATE KEY", ecKeyPair().getPrivate().getEncoded()));
        pki.put("apiserver.crt", certificate());
        pki.put("apiserver.key", pem("PRIVATE KEY", ecKeyPair().getPrivate().getEncoded()));
        return pki;
    }

    static String certificate() {
        return pem("CERTIFICATE", "not a real certificate".getBytes(StandardCharsets.UTF_8));
    }

    /** The base64 body of a PEM block: what must never show in a message. */
    static String pemBody(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
