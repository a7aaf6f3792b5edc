package io.edgefleet.pki;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** Makes a new cluster's secrets: the CAs and keys kubeadm would otherwise make on the first control-plane node. */
public final class ClusterPki {
    /** kubeadm's CA validity: ten years. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private ClusterPki() {
    }

    /**
     * Three independent CAs with kubeadm's common names ({@code kubernetes}, {@code etcd-ca},
     * {@code front-proxy-ca}), a service-account key pair, a bootstrap token and a certificate key; every key
     * P-256. Made centrally so every control-plane replica, and fleet-api, share the same CAs.
     */
    public static ClusterSecrets create(String clusterId, Instant now) {
        CertificateAndKey kubernetesCa = CertificateIssuer.selfSignedCa("kubernetes", now, CA_VALIDITY);
        CertificateAndKey etcdCa = CertificateIssuer.selfSignedCa("etcd-ca", now, CA_VALIDITY);
        CertificateAndKey frontProxyCa = CertificateIssuer.selfSignedCa("front-proxy-ca", now, CA_VALIDITY);
        KeyPair serviceAccount = EcKeys.generate();
        return new ClusterSecrets(clusterId, kubernetesCa, etcdCa, frontProxyCa,
                Pem.publicKey(serviceAccount.getPublic()), Pem.ecPrivateKey(serviceAccount),
                randomText(6) + "." + randomText(16), HexFormat.of().formatHex(randomBytes(32)));
    }

    private static String randomText(int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)];
        }
        return new String(text);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
