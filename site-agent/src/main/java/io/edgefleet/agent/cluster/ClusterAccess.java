package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import java.util.List;
import java.util.Map;

/**
 * The reconciler's only way to a cluster's API server. Production: {@link Fabric8ClusterAccess}
 * (fabric8 against the control plane's endpoint); local fleets: {@link SimulatedClusterAccess}.
 *
 * <p>Like the microVM driver: every method is idempotent, {@link #observe} measures (never a cache),
 * and an unreachable API server is a measurement ({@link ClusterState#unreachable}), not an exception.
 */
public interface ClusterAccess {
    /** Measures the cluster now: API server, nodes, managed network-function namespaces, networks and pods, join token. */
    ClusterState observe(PlannedCluster cluster);

    /** Makes sure a valid bootstrap token exists so planned workers can join (kubeadm join). */
    void ensureJoinToken(PlannedCluster cluster);

    /** Adds the labels and taints to the node (keeps any others it has). */
    void labelNode(PlannedCluster cluster, String node, Map<String, String> labels, List<NodeTaint> taints);

    /**
     * Makes sure the network-function namespace exists, labelled managed-by (an existing one gets the label).
     * Pods and network attachments go into it, so it comes first.
     */
    void ensureNamespace(PlannedCluster cluster, String namespace);

    /** Creates the network attachment in its namespace, or rewrites one of that name with another spec hash. */
    void applyNetwork(PlannedCluster cluster, NfNetwork network);

    /** Creates the pod; a pod of that name with another spec hash is replaced. */
    void applyPod(PlannedCluster cluster, NfPod pod);

    /** Deletes a managed network-function pod; unknown names are a no-op. */
    void deletePod(PlannedCluster cluster, String podName);

    /** Deletes a node object (a replaced or scaled-away replica's, once it is gone); unknown names are a no-op. */
    void deleteNode(PlannedCluster cluster, String node);

    /**
     * The Kubernetes version the cluster's kubeadm {@code ClusterConfiguration} names, which a joining control-plane
     * replica deploys (ADR 0030); empty when it cannot say (no such configuration, or a stand-in without one).
     */
    default java.util.Optional<String> kubeadmVersion(PlannedCluster cluster) {
        return java.util.Optional.empty();
    }

    /** Makes the cluster's kubeadm {@code ClusterConfiguration} name {@code version} (kubeadm's form, e.g. v1.32.1). */
    default void setKubeadmVersion(PlannedCluster cluster, String version) {
    }

    /** Forgets what it holds for a cluster the plan no longer has (e.g. its client). */
    default void forget(String clusterId) {
    }
}
