package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.ClusterSecrets;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The agent's client of a cluster's API server, made from the cluster's secrets: the server is the cluster's
 * virtual IP (so "the API answers" means it answers through kube-vip, on whichever control plane holds the
 * VIP), trusted with the cluster CA only, and the agent authenticates with a short-lived client certificate it
 * signs itself with that CA. Clusters without secrets or endpoint fall back to {@code fallback} (the kubeconfig
 * files of {@link KubeconfigClients}, for control planes bootstrapped outside edgefleet).
 */
public final class SecretsKubeClients implements Fabric8ClusterAccess.Clients {
    /** The group of the agent's certificate; kubeadm (1.29+) binds it to cluster-admin. */
    static final String ADMIN_GROUP = "kubeadm:cluster-admins";
    static final int API_PORT = 6443;

    private final Function<String, Optional<ClusterSecrets>> secrets;
    private final Fabric8ClusterAccess.Clients fallback;
    private final Clock clock;
    private final Map<String, Held> open = new ConcurrentHashMap<>();

    private record Held(KubernetesClient client, String endpoint, Instant renewAt) {
    }

    public SecretsKubeClients(Function<String, Optional<ClusterSecrets>> secrets, Fabric8ClusterAccess.Clients fallback,
                              Clock clock) {
        this.secrets = secrets;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public Optional<KubernetesClient> client(PlannedCluster cluster) {
        Optional<ClusterSecrets> opened = secrets.apply(cluster.clusterId());
        if (cluster.controlPlaneEndpoint() == null || opened.isEmpty()) {
            return fallback.client(cluster.clusterId());
        }
        String endpoint = endpointOf(cluster);
        Held held = open.get(cluster.clusterId());
        if (held != null && held.endpoint().equals(endpoint) && clock.instant().isBefore(held.renewAt())) {
            return Optional.of(held.client());
        }
        close(cluster.clusterId());
        Held made = connect(cluster.clusterId(), endpoint, opened.get());
        open.put(cluster.clusterId(), made);
        return Optional.of(made.client());
    }

    @Override
    public String endpoint(PlannedCluster cluster) {
        return cluster.controlPlaneEndpoint() == null ? fallback.endpoint(cluster.clusterId()) : endpointOf(cluster);
    }

    @Override
    public Optional<KubernetesClient> client(String clusterId) {
        Held held = open.get(clusterId);
        return held != null ? Optional.of(held.client()) : fallback.client(clusterId);
    }

    @Override
    public String endpoint(String clusterId) {
        Held held = open.get(clusterId);
        return held != null ? held.endpoint() : fallback.endpoint(clusterId);
    }

    @Override
    public void close(String clusterId) {
        Held held = open.remove(clusterId);
        if (held != null) {
            held.client().close();
        }
        fallback.close(clusterId);
    }

    static String endpointOf(PlannedCluster cluster) {
        return "https://" + cluster.controlPlaneEndpoint() + ":" + API_PORT;
    }

    private Held connect(String clusterId, String endpoint, ClusterSecrets secrets) {
        Instant now = clock.instant();
        CertificateAndKey cert = AgentClientCertificates.issue(secrets.kubernetesCa(), List.of(ADMIN_GROUP), now);
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint)
                .withCaCertData(base64(secrets.kubernetesCa().certificatePem()))
                .withClientCertData(base64(cert.certificatePem()))
                .withClientKeyData(base64(cert.privateKeyPem()))
                .withClientKeyAlgo("EC")
                // Short deadlines: an unanswered API server is a measurement, not something to wait on.
                .withConnectionTimeout(2000)
                .withRequestTimeout(5000)
                .withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new Held(client, endpoint, AgentClientCertificates.renewAt(now));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
