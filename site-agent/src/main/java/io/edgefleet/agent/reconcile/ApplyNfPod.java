package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.NfPod;
import io.edgefleet.events.plan.PlannedCluster;

/** Places one network-function replica's pod on its node (replaces it if the plan changed it). */
record ApplyNfPod(PlannedCluster cluster, NfPod pod) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.clusters().observe(cluster).pod(pod.name())
                .map(p -> !pod.specHash().equals(p.specHash())).orElse(true);
    }

    @Override
    public void perform(Target target) {
        target.clusters().applyPod(cluster, pod);
    }

    @Override
    public boolean verify(Target target) {
        return target.clusters().observe(cluster).pod(pod.name())
                .map(p -> pod.specHash().equals(p.specHash()) && "Running".equals(p.phase())).orElse(false);
    }

    @Override
    public String describe() {
        return "place pod " + pod.name() + " of network function " + pod.nfId() + " on " + pod.nodeName();
    }
}
