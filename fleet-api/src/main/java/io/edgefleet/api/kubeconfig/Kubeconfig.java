package io.edgefleet.api.kubeconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig (clientcmd's {@code Config}, apiVersion v1) with one cluster, one user and one context,
 * rendered as YAML by Jackson. Certificates and key travel inline as {@code *-data} (base64 of the PEM),
 * so the file stands alone.
 */
@JsonPropertyOrder({"apiVersion", "kind", "clusters", "users", "contexts", "current-context", "preferences"})
public record Kubeconfig(String apiVersion, String kind, List<NamedCluster> clusters, List<NamedUser> users,
                         List<NamedContext> contexts, @JsonProperty("current-context") String currentContext,
                         Map<String, Object> preferences) {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    public record NamedCluster(String name, Cluster cluster) {
    }

    public record Cluster(String server, @JsonProperty("certificate-authority-data") String certificateAuthorityData) {
    }

    public record NamedUser(String name, User user) {
    }

    public record User(@JsonProperty("client-certificate-data") String clientCertificateData,
                       @JsonProperty("client-key-data") String clientKeyData) {
        @Override
        public String toString() {
            return "User[client-certificate-data=(" + clientCertificateData.length() + " chars), client-key-data=(redacted)]";
        }
    }

    public record NamedContext(String name, Context context) {
    }

    public record Context(String cluster, String user) {
    }

    /** One cluster reached at {@code server} with {@code caPem}, one user authenticating with a client certificate. */
    public static Kubeconfig of(String name, String server, String caPem, String userName, String certificatePem,
                                String privateKeyPem) {
        return new Kubeconfig("v1", "Config",
                List.of(new NamedCluster(name, new Cluster(server, base64(caPem)))),
                List.of(new NamedUser(userName, new User(base64(certificatePem), base64(privateKeyPem)))),
                List.of(new NamedContext(name, new Context(name, userName))), name, Map.of());
    }

    /** {@code https://<endpoint>:6443}, IPv6 literals in brackets. */
    public static String server(String endpoint, int port) {
        String host = endpoint.contains(":") && !endpoint.startsWith("[") ? "[" + endpoint + "]" : endpoint;
        return "https://" + host + ":" + port;
    }

    public String yaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            // Only the type: the cause could quote the document, which holds a private key.
            throw new IllegalStateException("kubeconfig cannot be rendered (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
