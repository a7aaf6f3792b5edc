package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.NodeState;
import io.edgefleet.events.plan.PlannedCluster;

/**
 * Deletes the node object of a replica the plan no longer has (replaced after its host died, or scaled
 * away) once it is NotReady: its microVM is gone, and a node left behind would keep counting against the
 * control plane and hold its pods. The planner asks for it only after every planned control-plane node is
 * Ready, so the successor is healthy first (make before break).
 */
record RemoveStaleNode(PlannedCluster cluster, String node) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.clusters().observe(cluster).node(node).map(n -> !n.ready()).orElse(false);
    }

    @Override
    public void perform(Target target) {
        target.clusters().deleteNode(cluster, node);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().observe(cluster).node(node).map(NodeState::ready).orElse(true);
    }

    @Override
    public String describe() {
        return "delete node " + node + " of cluster " + cluster.clusterId() + " (its replica is gone)";
    }
}
