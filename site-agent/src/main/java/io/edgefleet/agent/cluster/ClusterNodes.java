package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes a planned cluster has beside its control planes (pure). A host joins a cluster as its
 * bare-metal worker or to run its network functions; either way its kubelet joins with the
 * cluster's bootstrap token and its node is named by its host id (ADR 0026).
 */
public final class ClusterNodes {

    private ClusterNodes() {
    }

    /** Hosts whose kubelet belongs to the cluster: its bare-metal workers, then its NF hosts. */
    public static List<String> hosts(PlannedCluster cluster) {
        List<String> hosts = new ArrayList<>(cluster.workerHostIds());
        cluster.nfHostIds().stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
        return hosts;
    }

    /** Every node that joins with a bootstrap token: worker microVMs and {@link #hosts}. */
    public static List<String> joining(PlannedCluster cluster) {
        List<String> nodes = new ArrayList<>(cluster.workerMicroVmIds());
        nodes.addAll(hosts(cluster));
        return nodes;
    }
}
