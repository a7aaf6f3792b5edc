package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.NodeTaint;
import io.edgefleet.events.plan.PlannedCluster;
import java.util.List;
import java.util.Map;

/** Gives a node of a cluster its role labels and taints (adds; never removes what others set). */
record LabelNode(PlannedCluster cluster, String node, Map<String, String> labels, List<NodeTaint> taints) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.clusters().observe(cluster).node(node).map(n -> !n.has(labels, taints)).orElse(false);
    }

    @Override
    public void perform(Target target) {
        target.clusters().labelNode(cluster, node, labels, taints);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().observe(cluster).node(node).map(n -> n.has(labels, taints)).orElse(false);
    }

    @Override
    public String describe() {
        return "label and taint node " + node + " of cluster " + cluster.clusterId();
    }
}
