package io.edgefleet.api.view;

import io.edgefleet.events.outcome.ClusterStatusChanged;

/**
 * A cluster's version and upgrade progress are said by the statuses placement sends about them (its READY
 * and every step of an upgrade), not by every status: one that leaves them out, e.g. a node moved after a
 * host loss or a status from a producer before those fields, keeps what the cluster's previous status said.
 */
final class ClusterVersions {
    private ClusterVersions() {
    }

    /** {@code newer}, with the version and upgrade of {@code older} where it says none. */
    static ClusterStatusChanged carried(ClusterStatusChanged older, ClusterStatusChanged newer) {
        if ((newer.kubernetesVersion() != null || older.kubernetesVersion() == null)
                && (newer.upgrade() != null || older.upgrade() == null)) {
            return newer;
        }
        return new ClusterStatusChanged(newer.clusterId(), newer.team(), newer.siteId(), newer.status(), newer.reason(),
                newer.placement(), newer.apiServerEndpoint(), newer.changedAt(),
                newer.kubernetesVersion() != null ? newer.kubernetesVersion() : older.kubernetesVersion(),
                newer.upgrade() != null ? newer.upgrade() : older.upgrade());
    }
}
