package io.edgefleet.agent.driver.qemu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * PKI files for the init node of a test cluster, made with the JDK alone: real P-256 private keys (PKCS#8) and
 * public keys, and certificate files whose PEM body is the CA's public key. The real-guest test checks that each
 * file arrives byte for byte with its mode, which needs distinct PEM files, not signed certificates (those are
 * checked with openssl where the cluster PKI is made).
 */
final class TestPki {
    private TestPki() {
    }

    /** Paths relative to /etc/kubernetes/pki -> PEM, as kubeadm lays out an init node's CAs and service-account keys. */
    static Map<String, String> initNodeFiles() throws GeneralSecurityException {
        Map<String, String> files = new TreeMap<>();
        for (String ca : new String[] {"ca", "front-proxy-ca", "etcd/ca"}) {
            KeyPair pair = p256();
            files.put(ca + ".key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            files.put(ca + ".crt", pem("CERTIFICATE", pair.getPublic().getEncoded()));
        }
        KeyPair sa = p256();
        files.put("sa.key", pem("PRIVATE KEY", sa.getPrivate().getEncoded()));
        files.put("sa.pub", pem("PUBLIC KEY", sa.getPublic().getEncoded()));
        return files;
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
