package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterNodes;
import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.events.plan.PlannedCluster;

/**
 * Lets planned workers and NF hosts join: while one is not yet a node, a valid bootstrap token
 * must exist in the cluster (they run {@code kubeadm join} with it).
 */
record JoinWorkers(PlannedCluster cluster) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        ClusterState state = target.clusters().observe(cluster);
        return state.apiServerUp() && !state.joinTokenValid() && missingWorkers(state) > 0;
    }

    @Override
    public void perform(Target target) {
        target.clusters().ensureJoinToken(cluster);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().observe(cluster).joinTokenValid();
    }

    private long missingWorkers(ClusterState state) {
        return ClusterNodes.joining(cluster).stream().filter(w -> state.node(w).isEmpty()).count();
    }

    @Override
    public String describe() {
        return "let workers join cluster " + cluster.clusterId();
    }
}
