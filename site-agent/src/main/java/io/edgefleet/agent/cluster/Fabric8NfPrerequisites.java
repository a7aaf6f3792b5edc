package io.edgefleet.agent.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What network-function pods need in their cluster before they can be admitted, through fabric8: the
 * team's namespace and the NetworkAttachmentDefinitions. A definition is written with fabric8's generic
 * resource API (Multus' CRD has no fabric8 model on the classpath), its plural given so that no API
 * discovery is needed.
 */
final class Fabric8NfPrerequisites {
    static final ResourceDefinitionContext NAD = new ResourceDefinitionContext.Builder()
            .withGroup("k8s.cni.cncf.io").withVersion("v1").withKind("NetworkAttachmentDefinition")
            .withPlural("network-attachment-definitions").withNamespaced(true).build();

    private Fabric8NfPrerequisites() {
    }

    /** The namespaces the agent made (labelled managed-by). */
    static Set<String> namespaces(KubernetesClient k) {
        return k.namespaces().withLabel(NfPods.MANAGED_BY, NfPods.MANAGER).list().getItems().stream()
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
    }

    /** The definitions the agent made; none where the cluster does not serve them (Multus not installed yet). */
    static List<NfNetworkState> networks(KubernetesClient k) {
        try {
            return k.genericKubernetesResources(NAD).inAnyNamespace().withLabel(NfPods.MANAGED_BY, NfPods.MANAGER)
                    .list().getItems().stream().map(Fabric8NfPrerequisites::state).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** Creates the namespace, or labels the one someone else made, so that it is measured as present. */
    static void ensureNamespace(KubernetesClient k, String name) {
        Namespace existing = k.namespaces().withName(name).get();
        if (existing == null) {
            try {
                k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                        .addToLabels(NfPods.MANAGED_BY, NfPods.MANAGER).endMetadata().build()).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Made meanwhile by someone else: label it below like any other existing one.
            }
        }
        k.namespaces().withName(name).edit(n -> {
            Map<String, String> labels = new HashMap<>(Optional.ofNullable(n.getMetadata().getLabels()).orElse(Map.of()));
            labels.put(NfPods.MANAGED_BY, NfPods.MANAGER);
            n.getMetadata().setLabels(labels);
            return n;
        });
    }

    /** Creates the definition, or rewrites one of that name with another spec hash. */
    static void applyNetwork(KubernetesClient k, String clusterId, NfNetwork network) {
        var definitions = k.genericKubernetesResources(NAD).inNamespace(network.namespace());
        try {
            GenericKubernetesResource existing = definitions.withName(network.name()).get();
            GenericKubernetesResource wanted = definition(network);
            if (existing == null) {
                definitions.resource(wanted).create();
            } else if (!network.specHash().equals(annotation(existing, NfPods.SPEC_HASH))) {
                wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                definitions.resource(wanted).update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND && definitionsMissing(k)) {
                throw new IllegalStateException("cluster " + clusterId + " does not serve NetworkAttachmentDefinitions "
                        + "(k8s.cni.cncf.io/v1): install Multus before network functions", e);
            }
            throw e;
        }
    }

    /** The definition as the API server takes it. */
    static GenericKubernetesResource definition(NfNetwork network) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(NAD.getGroup() + "/" + NAD.getVersion()).withKind(NAD.getKind())
                .withNewMetadata().withName(network.name()).withNamespace(network.namespace())
                .addToLabels(NfPods.MANAGED_BY, NfPods.MANAGER)
                .addToAnnotations(NfNetwork.RESOURCE_NAME, network.resourceName())
                .addToAnnotations(NfPods.SPEC_HASH, network.specHash())
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("config", network.cniConfig()))
                .build();
    }

    private static boolean definitionsMissing(KubernetesClient k) {
        try {
            k.genericKubernetesResources(NAD).inAnyNamespace().list();
            return false;
        } catch (KubernetesClientException e) {
            return e.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
        }
    }

    private static NfNetworkState state(GenericKubernetesResource r) {
        return new NfNetworkState(r.getMetadata().getNamespace(), r.getMetadata().getName(),
                annotation(r, NfPods.SPEC_HASH));
    }

    private static String annotation(GenericKubernetesResource r, String key) {
        return Optional.ofNullable(r.getMetadata().getAnnotations()).map(a -> a.get(key)).orElse("");
    }
}
