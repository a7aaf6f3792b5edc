package io.edgefleet.agent.reconcile;

import io.edgefleet.events.plan.PlannedCluster;

/**
 * Makes the namespace of a team's network functions in its cluster, before any attachment or pod goes in
 * (the API server refuses both in a namespace that does not exist).
 */
record EnsureNfNamespace(PlannedCluster cluster, String namespace) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return !target.clusters().observe(cluster).hasNamespace(namespace);
    }

    @Override
    public void perform(Target target) {
        target.clusters().ensureNamespace(cluster, namespace);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().observe(cluster).hasNamespace(namespace);
    }

    @Override
    public String describe() {
        return "make namespace " + namespace + " in cluster " + cluster.clusterId();
    }
}
