package io.edgefleet.agent.reconcile;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * Takes a cluster's scheduled etcd snapshot on the site (interval and count kept are the agent's settings),
 * planned only for a cluster whose etcd has its planned members: a snapshot of a half-formed control plane is
 * not one to restore.
 */
record SnapshotEtcd(SitePlan plan, PlannedCluster cluster) implements Step {
    private static final Logger LOG = Logger.getLogger(SnapshotEtcd.class);

    @Override
    public boolean shouldDo(Target target) {
        return target.etcd().snapshotDue(cluster);
    }

    @Override
    public void perform(Target target) {
        try {
            LOG.infof("etcd snapshot of cluster %s: %s", cluster.clusterId(), target.etcd().snapshot(plan, cluster));
        } catch (IOException e) {
            throw new UncheckedIOException("etcd snapshot of cluster " + cluster.clusterId() + " failed", e);
        }
    }

    @Override
    public boolean verify(Target target) {
        return !target.etcd().snapshotDue(cluster);
    }

    @Override
    public String describe() {
        return "snapshot etcd of cluster " + cluster.clusterId();
    }
}
