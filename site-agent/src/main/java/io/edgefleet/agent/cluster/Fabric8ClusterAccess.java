package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link ClusterAccess} through fabric8, one client per cluster against its control plane's API
 * server. Network-function pods are written with Guaranteed QoS (requests equal limits in every
 * resource, whole CPUs), so the kubelet's static CPU manager pins exclusive cores and the topology
 * manager keeps cores, hugepages and VFs on one NUMA node.
 */
public final class Fabric8ClusterAccess implements ClusterAccess {
    /** Where a cluster's client comes from. */
    public interface Clients {
        /** A client for the cluster's API server, or empty with nothing to connect with yet. */
        Optional<KubernetesClient> client(String clusterId);

        /** The API server endpoint of the cluster, for reports (null if unknown). */
        String endpoint(String clusterId);

        /** A client for the planned cluster (a source that needs the plan, e.g. its endpoint, overrides this). */
        default Optional<KubernetesClient> client(PlannedCluster cluster) {
            return client(cluster.clusterId());
        }

        /** The planned cluster's API server endpoint, for reports (null if unknown). */
        default String endpoint(PlannedCluster cluster) {
            return endpoint(cluster.clusterId());
        }

        /** Closes and forgets the cluster's client. */
        default void close(String clusterId) {
        }
    }

    static final String KUBE_SYSTEM = "kube-system";
    static final String JOIN_TOKEN_LABEL = "edgefleet.io/join-token";
    private static final Duration TOKEN_TTL = Duration.ofHours(24);
    private static final Duration TOKEN_MIN_LEFT = Duration.ofHours(1);
    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Clients clients;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * By cluster, then pod name: why the API server refused the last create of a network-function pod. A refused
     * pod leaves no object to list, so without this the refusal would be in the log only.
     */
    private final Map<String, Map<String, String>> refusals = new ConcurrentHashMap<>();

    public Fabric8ClusterAccess(Clients clients) {
        this(clients, Clock.systemUTC());
    }

    public Fabric8ClusterAccess(Clients clients, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ClusterState observe(PlannedCluster cluster) {
        String id = cluster.clusterId();
        String endpoint = clients.endpoint(cluster);
        Optional<KubernetesClient> client = clients.client(cluster);
        if (client.isEmpty()) {
            return ClusterState.unreachable(id, endpoint, "no credentials for the API server of cluster " + id + " yet");
        }
        KubernetesClient k = client.get();
        try {
            List<NodeState> nodes = k.nodes().list().getItems().stream().map(Fabric8ClusterAccess::node).toList();
            List<PodState> pods = k.pods().inAnyNamespace().withLabel(NfPods.MANAGED_BY, NfPods.MANAGER).list()
                    .getItems().stream().map(Fabric8ClusterAccess::pod).toList();
            return new ClusterState(id, endpoint, true, "", nodes, pods, joinTokenValid(k), EtcdState.NOT_MEASURED,
                    Fabric8NfPrerequisites.namespaces(k), Fabric8NfPrerequisites.networks(k),
                    refusals.getOrDefault(id, Map.of()));
        } catch (KubernetesClientException e) {
            return ClusterState.unreachable(id, endpoint, "API server of cluster " + id + " did not answer: "
                    + firstLine(e.getMessage()));
        }
    }

    @Override
    public void ensureJoinToken(PlannedCluster cluster) {
        KubernetesClient k = required(cluster);
        if (joinTokenValid(k)) {
            return;
        }
        String tokenId = randomText(6);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("token-id", tokenId);
        data.put("token-secret", randomText(16));
        data.put("expiration", clock.instant().plus(TOKEN_TTL).truncatedTo(ChronoUnit.SECONDS).toString());
        data.put("usage-bootstrap-authentication", "true");
        data.put("usage-bootstrap-signing", "true");
        data.put("auth-extra-groups", "system:bootstrappers:kubeadm:default-node-token");
        data.put("description", "edgefleet site agent: workers of cluster " + cluster.clusterId() + " join with it");
        Secret secret = new SecretBuilder().withNewMetadata().withName("bootstrap-token-" + tokenId)
                .withNamespace(KUBE_SYSTEM)
                .addToLabels(JOIN_TOKEN_LABEL, "true").addToLabels(NfPods.MANAGED_BY, NfPods.MANAGER).endMetadata()
                .withType("bootstrap.kubernetes.io/token")
                .withData(data.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))))
                .build();
        k.secrets().inNamespace(KUBE_SYSTEM).resource(secret).create();
    }

    @Override
    public void labelNode(PlannedCluster cluster, String node, Map<String, String> labels, List<NodeTaint> taints) {
        KubernetesClient k = required(cluster);
        k.nodes().withName(node).edit(n -> {
            Map<String, String> all = new HashMap<>(Optional.ofNullable(n.getMetadata().getLabels()).orElse(Map.of()));
            all.putAll(labels);
            n.getMetadata().setLabels(all);
            if (n.getSpec() == null) {
                n.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
            }
            List<Taint> current = new ArrayList<>(Optional.ofNullable(n.getSpec().getTaints()).orElse(List.of()));
            for (NodeTaint t : taints) {
                boolean present = current.stream().anyMatch(c -> t.equals(taint(c)));
                if (!present) {
                    // One taint per key and effect: replace a different value rather than adding a second.
                    current.removeIf(c -> c.getKey().equals(t.key()) && c.getEffect().equals(t.effect()));
                    current.add(new TaintBuilder().withKey(t.key()).withValue(t.value().isEmpty() ? null : t.value())
                            .withEffect(t.effect()).build());
                }
            }
            n.getSpec().setTaints(current);
            return n;
        });
    }

    @Override
    public void ensureNamespace(PlannedCluster cluster, String namespace) {
        Fabric8NfPrerequisites.ensureNamespace(required(cluster), namespace);
    }

    @Override
    public void applyNetwork(PlannedCluster cluster, NfNetwork network) {
        Fabric8NfPrerequisites.applyNetwork(required(cluster), cluster.clusterId(), network);
    }

    @Override
    public void applyPod(PlannedCluster cluster, NfPod pod) {
        KubernetesClient k = required(cluster);
        // The same replica in another namespace (from before pods went to their team's namespace) goes.
        k.pods().inAnyNamespace().withLabel(NfPods.MANAGED_BY, NfPods.MANAGER).list().getItems().stream()
                .filter(p -> p.getMetadata().getName().equals(pod.name())
                        && !p.getMetadata().getNamespace().equals(pod.namespace()))
                .forEach(p -> k.pods().inNamespace(p.getMetadata().getNamespace()).withName(pod.name()).delete());
        Pod existing = k.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
        if (existing != null) {
            String hash = Optional.ofNullable(existing.getMetadata().getAnnotations()).map(a -> a.get(NfPods.SPEC_HASH))
                    .orElse("");
            if (hash.equals(pod.specHash())) {
                refused(cluster.clusterId()).remove(pod.name());
                return;
            }
            // A pod's resources and node cannot change in place: replace it.
            k.pods().inNamespace(pod.namespace()).withName(pod.name()).delete();
        }
        try {
            k.pods().inNamespace(pod.namespace()).resource(toPod(pod)).create();
            refused(cluster.clusterId()).remove(pod.name());
        } catch (KubernetesClientException e) {
            // 4xx: the API server (or an admission webhook) said no; anything else is not an answer about the pod.
            if (e.getCode() >= 400 && e.getCode() < 500) {
                refused(cluster.clusterId()).put(pod.name(), refusalOf(e));
            }
            throw e;
        }
    }

    private Map<String, String> refused(String clusterId) {
        return refusals.computeIfAbsent(clusterId, c -> new ConcurrentHashMap<>());
    }

    /** The API server's own message for a refusal (its Status), not the client's wrapping of it. */
    private static String refusalOf(KubernetesClientException e) {
        String message = e.getStatus() == null ? null : e.getStatus().getMessage();
        return message == null || message.isBlank() ? firstLine(e.getMessage()) : firstLine(message);
    }

    @Override
    public void deletePod(PlannedCluster cluster, String podName) {
        KubernetesClient k = required(cluster);
        k.pods().inAnyNamespace().withLabel(NfPods.MANAGED_BY, NfPods.MANAGER).list().getItems().stream()
                .filter(p -> p.getMetadata().getName().equals(podName))
                .forEach(p -> k.pods().inNamespace(p.getMetadata().getNamespace()).withName(podName).delete());
        refused(cluster.clusterId()).remove(podName);
    }

    @Override
    public void deleteNode(PlannedCluster cluster, String node) {
        required(cluster).nodes().withName(node).delete();
    }

    @Override
    public Optional<String> kubeadmVersion(PlannedCluster cluster) {
        return clients.client(cluster).flatMap(KubeadmConfigMap::version);
    }

    @Override
    public void setKubeadmVersion(PlannedCluster cluster, String version) {
        KubeadmConfigMap.setVersion(required(cluster), version);
    }

    @Override
    public void forget(String clusterId) {
        refusals.remove(clusterId);
        clients.close(clusterId);
    }

    /** The Kubernetes Pod of a network-function replica. */
    public static Pod toPod(NfPod pod) {
        return NfPodManifest.of(pod);
    }

    private KubernetesClient required(PlannedCluster cluster) {
        return clients.client(cluster).orElseThrow(() -> new IllegalStateException(
                "no credentials for the API server of cluster " + cluster.clusterId()));
    }

    private boolean joinTokenValid(KubernetesClient k) {
        Instant enough = clock.instant().plus(TOKEN_MIN_LEFT);
        return k.secrets().inNamespace(KUBE_SYSTEM).withLabel(JOIN_TOKEN_LABEL, "true").list().getItems().stream()
                .map(s -> s.getData() == null ? null : s.getData().get("expiration"))
                .filter(Objects::nonNull)
                .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8))
                .anyMatch(exp -> {
                    try {
                        return OffsetDateTime.parse(exp).toInstant().isAfter(enough);
                    } catch (DateTimeParseException e) {
                        return false;
                    }
                });
    }

    private String randomText(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        return sb.toString();
    }

    private static NodeState node(Node n) {
        boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        List<NodeTaint> taints = n.getSpec() == null || n.getSpec().getTaints() == null ? List.of()
                : n.getSpec().getTaints().stream().map(Fabric8ClusterAccess::taint).toList();
        return new NodeState(n.getMetadata().getName(), ready, n.getMetadata().getLabels(), taints);
    }

    private static NodeTaint taint(Taint t) {
        return new NodeTaint(t.getKey(), t.getValue(), t.getEffect());
    }

    private static PodState pod(Pod p) {
        Map<String, String> labels = Optional.ofNullable(p.getMetadata().getLabels()).orElse(Map.of());
        Map<String, String> annotations = Optional.ofNullable(p.getMetadata().getAnnotations()).orElse(Map.of());
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return new PodState(p.getMetadata().getName(), labels.get(NfPods.NF_ID), annotations.get(NfPods.SPEC_HASH),
                phase, PodReasons.of(p));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no answer";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
