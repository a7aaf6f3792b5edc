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
 */
public record ClusterStatusChanged(
        String clusterId,
        String team,
        String siteId,
        ClusterStatus status,
        String reason,
        List<NodePlacement> placement,
        String apiServerEndpoint,
        Instant changedAt) implements EventPayload {

    public ClusterStatusChanged {
        placement = placement == null ? List.of() : List.copyOf(placement);
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
