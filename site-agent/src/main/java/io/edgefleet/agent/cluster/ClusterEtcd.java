package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.util.Set;

/**
 * The agent's way to a cluster's etcd: measure its membership and take the next safe membership step
 * towards the plan's control plane (docs/adr/0025). Like {@link ClusterAccess}: idempotent, measures afresh,
 * an unreachable etcd is a measurement.
 */
public interface ClusterEtcd {
    /** No etcd is measured (clusters bootstrapped outside edgefleet, tests of other things). */
    ClusterEtcd NONE = new ClusterEtcd() {
        @Override
        public EtcdState observe(SitePlan plan, PlannedCluster cluster) {
            return EtcdState.NOT_MEASURED;
        }

        @Override
        public String reconcile(SitePlan plan, PlannedCluster cluster, Set<String> registeredNodes) {
            return "etcd is not measured";
        }
    };

    EtcdState observe(SitePlan plan, PlannedCluster cluster);

    /**
     * Takes at most one membership step; returns what it did or what it waits on, in an operator's words.
     *
     * @param registeredNodes the cluster's nodes as its API server lists them: a planned replica is added to etcd
     *                        only once its node is registered (its microVM runs and kubelet is up; kubeadm's join adds
     *                        the member right after), never while it boots: etcd takes one learner at a time
     */
    String reconcile(SitePlan plan, PlannedCluster cluster, Set<String> registeredNodes);

    /** Whether the cluster's scheduled snapshot is due (never, where snapshots are not kept). */
    default boolean snapshotDue(PlannedCluster cluster) {
        return false;
    }

    /** Takes the cluster's snapshot now and keeps the newest configured number; returns where it went. */
    default String snapshot(SitePlan plan, PlannedCluster cluster) throws java.io.IOException {
        throw new java.io.IOException("snapshots are not kept here");
    }

    /** Lets go of what it holds for a cluster this agent no longer looks after. */
    default void forget(String clusterId) {
    }
}
