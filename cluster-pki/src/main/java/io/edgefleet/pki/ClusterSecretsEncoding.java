package io.edgefleet.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of {@link ClusterSecrets}: a header line naming format and version, then one
 * {@code name=base64(UTF-8 value)} line per field. Self-describing so a reader can tell a newer version from
 * garbage, line-based so a field added later is one more line (readers skip names they do not know), and
 * base64 so PEM's newlines stay inside their line. No message here quotes a value: they are secrets.
 */
final class ClusterSecretsEncoding {
    static final String FORMAT = "edgefleet-cluster-secrets";
    static final int VERSION = 1;
    private static final String HEADER = FORMAT + "/" + VERSION;

    private ClusterSecretsEncoding() {
    }

    static byte[] encode(ClusterSecrets secrets) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("clusterId", secrets.clusterId());
        putPair(fields, "kubernetesCa", secrets.kubernetesCa());
        putPair(fields, "etcdCa", secrets.etcdCa());
        putPair(fields, "frontProxyCa", secrets.frontProxyCa());
        fields.put("serviceAccount.publicKey", secrets.serviceAccountPublicKeyPem());
        fields.put("serviceAccount.privateKey", secrets.serviceAccountPrivateKeyPem());
        fields.put("bootstrapToken", secrets.bootstrapToken());
        fields.put("certificateKey", secrets.certificateKey());
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        Base64.Encoder base64 = Base64.getEncoder();
        fields.forEach((name, value) -> text.append(name).append('=')
                .append(base64.encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ClusterSecrets decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        checkHeader(lines[0]);
        Map<String, String> fields = fields(lines);
        return new ClusterSecrets(field(fields, "clusterId"), pair(fields, "kubernetesCa"), pair(fields, "etcdCa"),
                pair(fields, "frontProxyCa"), field(fields, "serviceAccount.publicKey"),
                field(fields, "serviceAccount.privateKey"), field(fields, "bootstrapToken"),
                field(fields, "certificateKey"));
    }

    private static void checkHeader(String header) {
        if (!header.startsWith(FORMAT + "/")) {
            throw new IllegalArgumentException("not an encoding of cluster secrets (no " + FORMAT + " header)");
        }
        if (!header.equals(HEADER)) {
            String version = header.substring(FORMAT.length() + 1);
            throw new IllegalArgumentException("cluster secrets encoding version "
                    + (version.length() > 8 ? version.substring(0, 8) + "..." : version)
                    + " is not supported (this reader knows " + VERSION + ")");
        }
    }

    private static Map<String, String> fields(String[] lines) {
        Map<String, String> fields = new HashMap<>();
        Base64.Decoder base64 = Base64.getDecoder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int equals = lines[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("cluster secrets encoding: line " + (i + 1) + " is not name=value");
            }
            String name = lines[i].substring(0, equals);
            try {
                fields.put(name, new String(base64.decode(lines[i].substring(equals + 1)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cluster secrets encoding: field " + name + " is not base64");
            }
        }
        return fields;
    }

    private static void putPair(Map<String, String> fields, String name, CertificateAndKey pair) {
        fields.put(name + ".certificate", pair.certificatePem());
        fields.put(name + ".privateKey", pair.privateKeyPem());
    }

    private static CertificateAndKey pair(Map<String, String> fields, String name) {
        return new CertificateAndKey(field(fields, name + ".certificate"), field(fields, name + ".privateKey"));
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("cluster secrets encoding lacks the field " + name);
        }
        return value;
    }
}
