package io.edgefleet.agent.cluster;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.events.plan.PlannedCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Clusters without Kubernetes, for local fleets: derived from what the microVM driver measures.
 * A cluster's API server answers once all its control-plane microVMs run; a microVM node is Ready
 * while its microVM runs; a bare-metal worker joins once a join token exists. Labels, taints,
 * network-function namespaces, network attachments and pods are kept in memory (pods run as soon as
 * their node exists).
 */
public final class SimulatedClusterAccess implements ClusterAccess {
    private final MicroVmDriver driver;
    private final Map<String, Sim> clusters = new HashMap<>();

    private static final class Sim {
        boolean joinToken;
        final Map<String, Map<String, String>> labels = new HashMap<>();
        final Map<String, Set<NodeTaint>> taints = new HashMap<>();
        final Map<String, NfPod> pods = new HashMap<>();
        final Set<String> namespaces = new LinkedHashSet<>();
        final Map<String, NfNetwork> networks = new HashMap<>();
        /** Why the last create of a pod was refused, by pod name, as the real access remembers it. */
        final Map<String, String> refusals = new HashMap<>();
    }

    public SimulatedClusterAccess(MicroVmDriver driver) {
        this.driver = driver;
    }

    @Override
    public synchronized ClusterState observe(PlannedCluster cluster) {
        String id = cluster.clusterId();
        String endpoint = "https://" + id + ".simulated:6443";
        Map<String, MicroVmStatus> vms = driver.list().stream()
                .collect(Collectors.toMap(MicroVmStatus::microVmId, Function.identity(), (a, b) -> a));
        long cpRunning = cluster.controlPlaneMicroVmIds().stream().filter(v -> running(vms, v)).count();
        if (cluster.controlPlaneMicroVmIds().isEmpty() || cpRunning < cluster.controlPlaneMicroVmIds().size()) {
            return ClusterState.unreachable(id, endpoint, cpRunning + " of " + cluster.controlPlaneMicroVmIds().size()
                    + " control-plane microVMs run");
        }
        Sim sim = clusters.computeIfAbsent(id, k -> new Sim());
        Set<String> nodeNames = new LinkedHashSet<>(cluster.controlPlaneMicroVmIds());
        cluster.workerMicroVmIds().stream().filter(v -> running(vms, v)).forEach(nodeNames::add);
        if (sim.joinToken) {
            nodeNames.addAll(ClusterNodes.hosts(cluster));
        }
        List<NodeState> nodes = new ArrayList<>();
        for (String name : nodeNames) {
            nodes.add(new NodeState(name, !vms.containsKey(name) || running(vms, name),
                    sim.labels.getOrDefault(name, Map.of()), List.copyOf(sim.taints.getOrDefault(name, Set.of()))));
        }
        List<PodState> pods = sim.pods.values().stream()
                .map(p -> nodeNames.contains(p.nodeName())
                        ? new PodState(p.name(), p.nfId(), p.specHash(), "Running", "")
                        : new PodState(p.name(), p.nfId(), p.specHash(), "Pending", unschedulable(nodeNames.size())))
                .toList();
        List<NfNetworkState> networks = sim.networks.values().stream()
                .map(n -> new NfNetworkState(n.namespace(), n.name(), n.specHash())).toList();
        return new ClusterState(id, endpoint, true, "", nodes, pods, sim.joinToken, EtcdState.NOT_MEASURED,
                sim.namespaces, networks, sim.refusals);
    }

    @Override
    public synchronized void ensureJoinToken(PlannedCluster cluster) {
        clusters.computeIfAbsent(cluster.clusterId(), k -> new Sim()).joinToken = true;
    }

    @Override
    public synchronized void labelNode(PlannedCluster cluster, String node, Map<String, String> labels,
                                       List<NodeTaint> taints) {
        Sim sim = clusters.computeIfAbsent(cluster.clusterId(), k -> new Sim());
        sim.labels.computeIfAbsent(node, k -> new HashMap<>()).putAll(labels);
        sim.taints.computeIfAbsent(node, k -> new LinkedHashSet<>()).addAll(taints);
    }

    @Override
    public synchronized void ensureNamespace(PlannedCluster cluster, String namespace) {
        clusters.computeIfAbsent(cluster.clusterId(), k -> new Sim()).namespaces.add(namespace);
    }

    @Override
    public synchronized void applyNetwork(PlannedCluster cluster, NfNetwork network) {
        clusters.computeIfAbsent(cluster.clusterId(), k -> new Sim()).networks
                .put(network.namespace() + "/" + network.name(), network);
    }

    @Override
    public synchronized void applyPod(PlannedCluster cluster, NfPod pod) {
        Sim sim = clusters.computeIfAbsent(cluster.clusterId(), k -> new Sim());
        // Refused as a real API server (namespace) and Multus (attachments) would refuse it.
        String refusal = !sim.namespaces.contains(pod.namespace())
                ? "namespaces \"" + pod.namespace() + "\" not found"
                : pod.networks().stream().filter(n -> !sim.networks.containsKey(pod.namespace() + "/" + n)).findFirst()
                .map(n -> "network-attachment-definition " + pod.namespace() + "/" + n + " not found").orElse(null);
        if (refusal != null) {
            sim.refusals.put(pod.name(), refusal);
            throw new IllegalStateException(refusal);
        }
        sim.refusals.remove(pod.name());
        sim.pods.put(pod.name(), pod);
    }

    @Override
    public synchronized void deletePod(PlannedCluster cluster, String podName) {
        Sim sim = clusters.get(cluster.clusterId());
        if (sim != null) {
            sim.pods.remove(podName);
            sim.refusals.remove(podName);
        }
    }

    /** Simulated nodes are the planned ones only: a replica that is gone has no node to delete. */
    @Override
    public synchronized void deleteNode(PlannedCluster cluster, String node) {
        Sim sim = clusters.get(cluster.clusterId());
        if (sim != null) {
            sim.labels.remove(node);
            sim.taints.remove(node);
        }
    }

    @Override
    public synchronized void forget(String clusterId) {
        clusters.remove(clusterId);
    }

    /** The scheduler's words for a pod pinned (kubernetes.io/hostname) to a host that is not one of the nodes. */
    private static String unschedulable(int nodes) {
        return "Unschedulable: 0/" + nodes + " nodes are available: " + nodes
                + " node(s) didn't match Pod's node affinity/selector.";
    }

    private static boolean running(Map<String, MicroVmStatus> vms, String id) {
        MicroVmStatus s = vms.get(id);
        return s != null && s.state() == MicroVmState.RUNNING;
    }
}
