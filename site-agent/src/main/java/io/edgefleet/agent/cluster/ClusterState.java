package io.edgefleet.agent.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One cluster as measured through its API server just now.
 *
 * @param clusterId         the cluster
 * @param apiServerEndpoint where its API server is (known even while it does not answer), or null
 * @param apiServerUp       whether the API server answered
 * @param reason            why it is not up, in an operator's words ({@code ""} when up)
 * @param nodes             its nodes (empty when not up)
 * @param nfPods            the network-function pods the agent manages in it
 * @param joinTokenValid    whether a bootstrap token for joining workers exists and is not about to expire
 * @param etcd              its etcd membership ({@link EtcdState#NOT_MEASURED} where the agent does not measure it)
 * @param nfNamespaces      the network-function namespaces the agent manages in it (labelled managed-by)
 * @param nfNetworks        the NetworkAttachmentDefinitions the agent manages in it
 * @param podRefusals       by pod name, why the API server refused the agent's last attempt to create that
 *                          network-function pod (remembered by the access, since a refused pod leaves no object to
 *                          measure; gone once the pod is created or deleted)
 */
public record ClusterState(String clusterId, String apiServerEndpoint, boolean apiServerUp, String reason,
                           List<NodeState> nodes, List<PodState> nfPods, boolean joinTokenValid, EtcdState etcd,
                           Set<String> nfNamespaces, List<NfNetworkState> nfNetworks, Map<String, String> podRefusals) {
    public ClusterState {
        reason = reason == null ? "" : reason;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        nfPods = nfPods == null ? List.of() : List.copyOf(nfPods);
        etcd = etcd == null ? EtcdState.NOT_MEASURED : etcd;
        nfNamespaces = nfNamespaces == null ? Set.of() : Set.copyOf(nfNamespaces);
        nfNetworks = nfNetworks == null ? List.of() : List.copyOf(nfNetworks);
        podRefusals = podRefusals == null ? Map.of() : Map.copyOf(podRefusals);
    }

    /** A cluster measured through its API server, without refused pods. */
    public ClusterState(String clusterId, String apiServerEndpoint, boolean apiServerUp, String reason,
                        List<NodeState> nodes, List<PodState> nfPods, boolean joinTokenValid, EtcdState etcd,
                        Set<String> nfNamespaces, List<NfNetworkState> nfNetworks) {
        this(clusterId, apiServerEndpoint, apiServerUp, reason, nodes, nfPods, joinTokenValid, etcd, nfNamespaces,
                nfNetworks, Map.of());
    }

    /** A cluster measured through its API server only, without network-function namespaces or networks. */
    public ClusterState(String clusterId, String apiServerEndpoint, boolean apiServerUp, String reason,
                        List<NodeState> nodes, List<PodState> nfPods, boolean joinTokenValid) {
        this(clusterId, apiServerEndpoint, apiServerUp, reason, nodes, nfPods, joinTokenValid, EtcdState.NOT_MEASURED,
                Set.of(), List.of());
    }

    /** A cluster measured through its API server and its etcd, without network-function namespaces or networks. */
    public ClusterState(String clusterId, String apiServerEndpoint, boolean apiServerUp, String reason,
                        List<NodeState> nodes, List<PodState> nfPods, boolean joinTokenValid, EtcdState etcd) {
        this(clusterId, apiServerEndpoint, apiServerUp, reason, nodes, nfPods, joinTokenValid, etcd, Set.of(), List.of());
    }

    /** The same measurement with its etcd's. */
    public ClusterState withEtcd(EtcdState measured) {
        return new ClusterState(clusterId, apiServerEndpoint, apiServerUp, reason, nodes, nfPods, joinTokenValid, measured,
                nfNamespaces, nfNetworks, podRefusals);
    }

    /** A cluster whose API server did not answer. */
    public static ClusterState unreachable(String clusterId, String endpoint, String reason) {
        return new ClusterState(clusterId, endpoint, false, reason, List.of(), List.of(), false);
    }

    public Optional<NodeState> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<PodState> pod(String name) {
        return nfPods.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Why the API server refused the last attempt to create the pod, if it did. */
    public Optional<String> podRefusal(String podName) {
        return Optional.ofNullable(podRefusals.get(podName));
    }

    /** Whether the network-function namespace exists (as the agent made it). */
    public boolean hasNamespace(String namespace) {
        return nfNamespaces.contains(namespace);
    }

    /** Whether the network attachment exists as wanted (same definition). */
    public boolean hasNetwork(NfNetwork wanted) {
        return nfNetworks.stream().anyMatch(n -> n.is(wanted));
    }

    /** Whether an attachment of that name exists in the namespace, whatever its definition. */
    public boolean hasNetwork(String namespace, String name) {
        return nfNetworks.stream().anyMatch(n -> n.namespace().equals(namespace) && n.name().equals(name));
    }
}
