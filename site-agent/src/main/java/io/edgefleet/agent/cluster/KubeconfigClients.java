package io.edgefleet.agent.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fabric8 client per cluster, from {@code <dir>/<clusterId>.kubeconfig}: the admin kubeconfig
 * the control plane's bootstrap leaves for the agent. No file yet means the control plane has not
 * finished bootstrapping, which the agent reports as such. Clients are made on first use only, so
 * a site without clusters loads no Kubernetes client at all.
 */
public final class KubeconfigClients implements Fabric8ClusterAccess.Clients {
    private final Path dir;
    private final Map<String, KubernetesClient> open = new ConcurrentHashMap<>();

    public KubeconfigClients(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<KubernetesClient> client(String clusterId) {
        KubernetesClient existing = open.get(clusterId);
        if (existing != null) {
            return Optional.of(existing);
        }
        Path file = file(clusterId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(file), file.toString());
            // Short deadlines: an unanswered API server is a measurement, not something to wait on.
            config.setConnectionTimeout(2000);
            config.setRequestTimeout(5000);
            config.setRequestRetryBackoffLimit(0);
            KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
            open.put(clusterId, client);
            return Optional.of(client);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String endpoint(String clusterId) {
        return client(clusterId).map(c -> c.getMasterUrl().toString()).orElse(null);
    }

    @Override
    public void close(String clusterId) {
        KubernetesClient client = open.remove(clusterId);
        if (client != null) {
            client.close();
        }
    }

    private Path file(String clusterId) {
        return dir.resolve(clusterId.replaceAll("[^A-Za-z0-9._-]", "_") + ".kubeconfig");
    }
}
