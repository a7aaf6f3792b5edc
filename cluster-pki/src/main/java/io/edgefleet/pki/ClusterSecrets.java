package io.edgefleet.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything secret a kubeadm cluster starts from: its three CAs, the service-account signing key pair, the
 * bootstrap token new nodes join with and the certificate key that encrypts the uploaded control-plane
 * certificates. Made once per cluster by {@link ClusterPki#create}, kept encrypted at rest and travelling
 * only sealed (docs/adr/0024). {@link #toString()} never shows a key, the token or the certificate key.
 *
 * @param bootstrapToken kubeadm's {@code [a-z0-9]{6}.[a-z0-9]{16}}
 * @param certificateKey 32 bytes in lowercase hex (kubeadm's {@code --certificate-key})
 */
public record ClusterSecrets(String clusterId, CertificateAndKey kubernetesCa, CertificateAndKey etcdCa,
                             CertificateAndKey frontProxyCa, String serviceAccountPublicKeyPem,
                             String serviceAccountPrivateKeyPem, String bootstrapToken, String certificateKey) {
    static final Pattern BOOTSTRAP_TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    static final Pattern CERTIFICATE_KEY = Pattern.compile("[0-9a-f]{64}");

    public ClusterSecrets {
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalArgumentException("clusterId must not be blank");
        }
        Objects.requireNonNull(kubernetesCa, "kubernetesCa");
        Objects.requireNonNull(etcdCa, "etcdCa");
        Objects.requireNonNull(frontProxyCa, "frontProxyCa");
        Objects.requireNonNull(serviceAccountPublicKeyPem, "serviceAccountPublicKeyPem");
        Objects.requireNonNull(serviceAccountPrivateKeyPem, "serviceAccountPrivateKeyPem");
        // The messages name the rule, never the value: both are secrets.
        if (bootstrapToken == null || !BOOTSTRAP_TOKEN.matcher(bootstrapToken).matches()) {
            throw new IllegalArgumentException("bootstrapToken must match [a-z0-9]{6}.[a-z0-9]{16}");
        }
        if (certificateKey == null || !CERTIFICATE_KEY.matcher(certificateKey).matches()) {
            throw new IllegalArgumentException("certificateKey must be 64 lowercase hex digits");
        }
    }

    /** The versioned, self-describing encoding that is sealed and stored (see {@link ClusterSecretsEncoding}). */
    public byte[] encode() {
        return ClusterSecretsEncoding.encode(this);
    }

    public static ClusterSecrets decode(byte[] bytes) {
        return ClusterSecretsEncoding.decode(bytes);
    }

    /**
     * {@code sha256:<hex>} of the Kubernetes CA's SubjectPublicKeyInfo (DER): what {@code kubeadm join
     * --discovery-token-ca-cert-hash} pins.
     */
    public String caCertHash() {
        byte[] spki = Pem.encodedPublicKeyInfo(kubernetesCa.certificatePem());
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** The files kubeadm expects under {@code /etc/kubernetes/pki} before {@code init}, path → PEM, in a fixed order. */
    public Map<String, String> kubeadmPkiFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ca.crt", kubernetesCa.certificatePem());
        files.put("ca.key", kubernetesCa.privateKeyPem());
        files.put("sa.key", serviceAccountPrivateKeyPem);
        files.put("sa.pub", serviceAccountPublicKeyPem);
        files.put("front-proxy-ca.crt", frontProxyCa.certificatePem());
        files.put("front-proxy-ca.key", frontProxyCa.privateKeyPem());
        files.put("etcd/ca.crt", etcdCa.certificatePem());
        files.put("etcd/ca.key", etcdCa.privateKeyPem());
        return Collections.unmodifiableMap(files);
    }

    @Override
    public String toString() {
        return "ClusterSecrets[clusterId=" + clusterId + ", kubernetesCa=" + kubernetesCa + ", etcdCa=" + etcdCa
                + ", frontProxyCa=" + frontProxyCa + ", serviceAccountPublicKeyPem=(" + serviceAccountPublicKeyPem.length()
                + " chars), serviceAccountPrivateKeyPem=(redacted), bootstrapToken=(redacted), certificateKey=(redacted)]";
    }
}
