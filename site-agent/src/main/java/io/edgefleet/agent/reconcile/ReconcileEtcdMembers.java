package io.edgefleet.agent.reconcile;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Moves a cluster's etcd membership one safe step towards the plan's control plane (docs/adr/0025): a
 * planned replica becomes a learner, a caught-up learner votes, and only once every planned member votes is
 * the member of a replica that is gone removed. One step per run; every run measures afresh, so an agent that
 * stopped between two steps simply takes the next one.
 */
record ReconcileEtcdMembers(SitePlan plan, PlannedCluster cluster, Set<String> registeredNodes) implements Step {
    private static final Logger LOG = Logger.getLogger(ReconcileEtcdMembers.class);

    @Override
    public boolean shouldDo(Target target) {
        return !target.etcd().observe(plan, cluster).matches(cluster.controlPlaneMicroVmIds());
    }

    @Override
    public void perform(Target target) {
        LOG.infof("etcd of cluster %s: %s", cluster.clusterId(), target.etcd().reconcile(plan, cluster, registeredNodes));
    }

    @Override
    public boolean verify(Target target) {
        return target.etcd().observe(plan, cluster).matches(cluster.controlPlaneMicroVmIds());
    }

    @Override
    public String describe() {
        return "reconcile etcd members of cluster " + cluster.clusterId();
    }
}
