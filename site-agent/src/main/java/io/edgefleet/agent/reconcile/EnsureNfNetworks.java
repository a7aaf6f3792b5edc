package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.NfNetwork;
import io.edgefleet.events.plan.PlannedCluster;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the NetworkAttachmentDefinitions a cluster's network-function pods attach to, before the pods
 * (Multus fails a pod that names one its namespace does not have); a changed VLAN or address range rewrites
 * the definition. Definitions no longer needed are left: a pod being replaced may still use one.
 */
record EnsureNfNetworks(PlannedCluster cluster, List<NfNetwork> networks) implements Step {
    EnsureNfNetworks {
        networks = List.copyOf(networks);
    }

    @Override
    public boolean shouldDo(Target target) {
        return !allPresent(target.clusters().observe(cluster));
    }

    @Override
    public void perform(Target target) {
        ClusterState state = target.clusters().observe(cluster);
        networks.stream().filter(n -> !state.hasNetwork(n)).forEach(n -> target.clusters().applyNetwork(cluster, n));
    }

    @Override
    public boolean verify(Target target) {
        return allPresent(target.clusters().observe(cluster));
    }

    private boolean allPresent(ClusterState state) {
        return networks.stream().allMatch(state::hasNetwork);
    }

    @Override
    public String describe() {
        return "write network attachments " + networks.stream().map(n -> n.namespace() + "/" + n.name())
                .collect(Collectors.joining(", ")) + " in cluster " + cluster.clusterId();
    }
}
