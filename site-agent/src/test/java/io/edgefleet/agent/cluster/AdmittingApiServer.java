package io.edgefleet.agent.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's mock API server in CRUD mode, made to refuse at creation what a real cluster with Multus refuses:
 * an object in a namespace that does not exist (the API server: 404, namespaces "x" not found), and a pod whose
 * {@code k8s.v1.cni.cncf.io/networks} names a NetworkAttachmentDefinition its namespace does not have (Multus'
 * network-resources-injector webhook refuses it at admission; without the webhook the kubelet fails the pod's
 * sandbox). Plain CRUD mode accepts both, so a test against it cannot see a missing prerequisite.
 * Like a fresh cluster, it starts with the namespaces default, kube-system and kube-public.
 */
final class AdmittingApiServer implements AutoCloseable {
    private static final Pattern NAMESPACED = Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/([^/]+)/([^/?]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private AdmittingApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Admitting(), false);
        server.init();
        client = server.createClient();
        for (String namespace : List.of("default", "kube-system", "kube-public")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
    }

    static AdmittingApiServer start() {
        return new AdmittingApiServer();
    }

    KubernetesClient client() {
        return client;
    }

    /**
     * The first replica's pod of {@code nf}, after what the reconciler makes before it and this server demands:
     * the pod's namespace and its network attachments.
     */
    static NfPod withPrerequisites(Fabric8ClusterAccess access, NfPods pods, PlannedCluster cluster,
                                   PlannedNetworkFunction nf) {
        NfPod pod = pods.of(cluster, nf).get(0);
        access.ensureNamespace(cluster, pod.namespace());
        new NfNetworks(pods, Map.of()).of(cluster, List.of(nf)).forEach(n -> access.applyNetwork(cluster, n));
        return pod;
    }

    /** The agent's access to a cluster whose API server is this one, whatever the cluster. */
    Fabric8ClusterAccess access() {
        return new Fabric8ClusterAccess(new Fabric8ClusterAccess.Clients() {
            @Override
            public Optional<KubernetesClient> client(String clusterId) {
                return Optional.of(client);
            }

            @Override
            public String endpoint(String clusterId) {
                return client.getMasterUrl().toString();
            }
        });
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /** CRUD mode, with the two admission checks in front of every create. */
    private static final class Admitting extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            Matcher namespaced = NAMESPACED.matcher(request.getPath());
            if (namespaced.find()) {
                String namespace = namespaced.group(1);
                if (!exists("/api/v1/namespaces/" + namespace)) {
                    return refusal(HttpURLConnection.HTTP_NOT_FOUND, "NotFound",
                            "namespaces \"" + namespace + "\" not found");
                }
                if (namespaced.group(2).equals("pods")) {
                    Optional<String> missing = networks(body(request), namespace).stream()
                            .filter(n -> !exists("/apis/k8s.cni.cncf.io/v1/namespaces/" + n[0]
                                    + "/network-attachment-definitions/" + n[1]))
                            .map(n -> n[0] + "/" + n[1]).findFirst();
                    if (missing.isPresent()) {
                        return refusal(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest",
                                "admission webhook \"network-resources-injector-mutating-config.k8s.io\" denied the "
                                        + "request: could not find network attachment definition '" + missing.get() + "'");
                    }
                }
            }
            return super.handleCreate(request);
        }

        /** The request's body, left in place for the create that follows (reading it would empty it). */
        private static String body(RecordedRequest request) {
            return new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        }

        private boolean exists(String path) {
            return handleGet(path).code() == HttpURLConnection.HTTP_OK;
        }

        /**
         * The attachments a pod names, as {namespace, name}: Multus' short form ({@code a,b@eth1,other-ns/c})
         * or its JSON form ({@code [{"name":"a","namespace":"x"}]}).
         */
        private static List<String[]> networks(String body, String podNamespace) {
            Pod pod = Serialization.unmarshal(body, Pod.class);
            String annotation = Optional.ofNullable(pod.getMetadata().getAnnotations())
                    .map(a -> a.get(NfPods.NETWORKS_ANNOTATION)).orElse("").trim();
            List<String[]> out = new ArrayList<>();
            if (annotation.startsWith("[")) {
                try {
                    for (JsonNode n : JSON.readTree(annotation)) {
                        out.add(new String[] {n.path("namespace").asText(podNamespace), n.path("name").asText()});
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out;
            }
            for (String entry : annotation.split(",")) {
                String name = entry.trim().replaceAll("@.*$", "");
                if (!name.isEmpty()) {
                    int slash = name.indexOf('/');
                    out.add(slash < 0 ? new String[] {podNamespace, name}
                            : new String[] {name.substring(0, slash), name.substring(slash + 1)});
                }
            }
            return out;
        }

        private static MockResponse refusal(int code, String reason, String message) {
            Map<String, Object> status = Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(),
                    "status", "Failure", "message", message, "reason", reason, "code", code);
            try {
                return new MockResponse().setResponseCode(code).setBody(JSON.writeValueAsString(status));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
