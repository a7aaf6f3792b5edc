package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The labels and taints each node of a planned cluster should carry (pure). Node names follow
 * the bootstrap convention: a microVM node is named by its microVM id, a bare-metal worker or an
 * NF host by its host id (the host name kubeadm registers).
 */
public final class NodeRoles {
    public static final String CLUSTER = "edgefleet.io/cluster-id";
    public static final String SITE = "edgefleet.io/site-id";
    public static final String HOST = "edgefleet.io/host-id";
    public static final String MICROVM = "edgefleet.io/microvm";
    public static final String NF_HOST = "edgefleet.io/network-functions";
    public static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";
    public static final String WORKER_ROLE = "node-role.kubernetes.io/worker";
    /** Keeps ordinary pods off control-plane microVMs (kubeadm's own taint). */
    public static final NodeTaint CONTROL_PLANE_TAINT = new NodeTaint(CONTROL_PLANE_ROLE, "", "NoSchedule");
    /** Steers ordinary pods away from bare-metal workers whose cores are pinned for network functions. */
    public static final NodeTaint NF_TAINT = new NodeTaint("edgefleet.io/dedicated", "network-function", "PreferNoSchedule");
    /**
     * Keeps ordinary pods off a host that is a node only to run network functions: its other cores
     * belong to the system and to control-plane microVMs (ADR 0026).
     */
    public static final NodeTaint NF_ONLY_TAINT = new NodeTaint("edgefleet.io/dedicated", "network-function", "NoSchedule");

    /** What one node should carry. */
    public record Wanted(Map<String, String> labels, List<NodeTaint> taints) {
    }

    private NodeRoles() {
    }

    /** Node name → what it should carry, for every node the plan gives the cluster. */
    public static Map<String, Wanted> of(SitePlan plan, PlannedCluster cluster) {
        Map<String, PlannedMicroVm> vms = plan.microVms().stream()
                .collect(Collectors.toMap(PlannedMicroVm::microVmId, v -> v, (a, b) -> a));
        Set<String> nfHosts = plan.networkFunctions().stream()
                .filter(nf -> nf.clusterId().equals(cluster.clusterId()))
                .map(PlannedNetworkFunction::replicas).flatMap(List::stream)
                .map(PlannedNfReplica::hostId).collect(Collectors.toSet());
        Map<String, Wanted> out = new LinkedHashMap<>();
        for (String id : cluster.controlPlaneMicroVmIds()) {
            Map<String, String> labels = base(plan, cluster, vms.containsKey(id) ? vms.get(id).hostId() : null);
            labels.put(MICROVM, "true");
            labels.put(CONTROL_PLANE_ROLE, "");
            out.put(id, new Wanted(labels, List.of(CONTROL_PLANE_TAINT)));
        }
        for (String id : cluster.workerMicroVmIds()) {
            Map<String, String> labels = base(plan, cluster, vms.containsKey(id) ? vms.get(id).hostId() : null);
            labels.put(MICROVM, "true");
            labels.put(WORKER_ROLE, "");
            out.put(id, new Wanted(labels, List.of()));
        }
        for (String host : cluster.workerHostIds()) {
            Map<String, String> labels = base(plan, cluster, host);
            labels.put(WORKER_ROLE, "");
            boolean nf = nfHosts.contains(host);
            if (nf) {
                labels.put(NF_HOST, "true");
            }
            out.put(host, new Wanted(labels, nf ? List.of(NF_TAINT) : List.of()));
        }
        for (String host : cluster.nfHostIds()) {
            if (!out.containsKey(host)) {
                Map<String, String> labels = base(plan, cluster, host);
                labels.put(NF_HOST, "true");
                out.put(host, new Wanted(labels, List.of(NF_ONLY_TAINT)));
            }
        }
        return out;
    }

    private static Map<String, String> base(SitePlan plan, PlannedCluster cluster, String hostId) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(CLUSTER, cluster.clusterId());
        labels.put(SITE, plan.siteId());
        if (hostId != null) {
            labels.put(HOST, hostId);
        }
        return labels;
    }
}
