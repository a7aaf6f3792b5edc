package io.edgefleet.agent.reconcile;

import io.edgefleet.events.plan.PlannedCluster;

/**
 * While a cluster's control plane rolls to another version, its kubeadm configuration names the newest planned
 * control-plane version, so a newcomer's {@code kubeadm join --control-plane} deploys its own version's components
 * (ADR 0030, {@link io.edgefleet.agent.bootstrap.ControlPlaneVersion}). A cluster whose configuration cannot be
 * read (API server down, not kubeadm's) is left alone: the join then waits, and the roll's step times out with
 * what the agent reports.
 */
record AlignKubeadmVersion(PlannedCluster cluster, String version) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.clusters().kubeadmVersion(cluster).map(v -> !v.equals(version)).orElse(false);
    }

    @Override
    public void perform(Target target) {
        target.clusters().setKubeadmVersion(cluster, version);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().kubeadmVersion(cluster).map(version::equals).orElse(true);
    }

    @Override
    public String describe() {
        return "name Kubernetes " + version + " in the kubeadm configuration of cluster " + cluster.clusterId();
    }
}
