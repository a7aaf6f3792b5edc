package io.edgefleet.agent.reconcile;

import io.edgefleet.events.plan.PlannedCluster;

/** Removes a network-function pod the plan no longer has. */
record RemoveNfPod(PlannedCluster cluster, String podName) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.clusters().observe(cluster).pod(podName).isPresent();
    }

    @Override
    public void perform(Target target) {
        target.clusters().deletePod(cluster, podName);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().observe(cluster).pod(podName).isEmpty();
    }

    @Override
    public String describe() {
        return "remove pod " + podName + " from cluster " + cluster.clusterId();
    }
}
