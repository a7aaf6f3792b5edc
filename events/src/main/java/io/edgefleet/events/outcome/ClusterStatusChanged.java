package io.edgefleet.events.outcome;

import io.edgefleet.events.EventPayload;
import java.time.Instant;
import java.util.List;

/**
 * A cluster's status changed ({@code io.edgefleet.cluster.status-changed.v1}). Each event is the
 * full current status, not a delta, so the compacted topic rebuilds a read model on replay.
 *
 * @param clusterId         the cluster
 * @param team              owning team
 * @param siteId            its site
 * @param status            the new status
 * @param reason            why, in words; may be {@code null}
 * @param placement         where every node runs (empty before placement)
 * @param apiServerEndpoint the API server, once bootstrapped; else {@code null}
 * @param changedAt         when the status changed
 * @param kubernetesVersion the version the cluster is at: every node runs it, or, while an upgrade rolls, the
 *                          version it rolls from until every microVM runs the target; null from producers
 *                          before this field
 * @param upgrade           the cluster's latest Kubernetes version upgrade, while it rolls and after it ended;
 *                          null when there was none (or from producers before this field)
 */
public record ClusterStatusChanged(
        String clusterId,
        String team,
        String siteId,
        ClusterStatus status,
        String reason,
        List<NodePlacement> placement,
        String apiServerEndpoint,
        Instant changedAt,
        String kubernetesVersion,
        UpgradeProgress upgrade) implements EventPayload {

    public ClusterStatusChanged {
        placement = placement == null ? List.of() : List.copyOf(placement);
    }

    /** The status without version or upgrade, as producers before those fields wrote it. */
    public ClusterStatusChanged(String clusterId, String team, String siteId, ClusterStatus status, String reason,
                                List<NodePlacement> placement, String apiServerEndpoint, Instant changedAt) {
        this(clusterId, team, siteId, status, reason, placement, apiServerEndpoint, changedAt, null, null);
    }

    @Override
    public String partitionKey() {
        return clusterId;
    }

    @Override
    public String subject() {
        return clusterId;
    }
}
