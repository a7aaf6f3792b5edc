package io.edgefleet.events.outcome;

import io.edgefleet.events.EventPayload;
import java.time.Instant;
import java.util.List;

/**
 * A network function's status changed ({@code io.edgefleet.networkfunction.status-changed.v1}).
 * Full current status, not a delta.
 *
 * <p>Its Kafka key is {@code clusterId/nfId}, not the cluster id: the status topic is compacted,
 * and sharing the cluster's key would let compaction drop the cluster's own status (or other NFs').
 *
 * @param nfId      the network function
 * @param clusterId the cluster it runs in
 * @param team      owning team
 * @param siteId    its site
 * @param status    the new status
 * @param reason    why, in words; may be {@code null}
 * @param replicas  where each replica runs (empty before placement)
 * @param changedAt when the status changed
 */
public record NetworkFunctionStatusChanged(
        String nfId,
        String clusterId,
        String team,
        String siteId,
        NetworkFunctionStatus status,
        String reason,
        List<ReplicaPlacement> replicas,
        Instant changedAt) implements EventPayload {

    public NetworkFunctionStatusChanged {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    @Override
    public String partitionKey() {
        return clusterId + "/" + nfId;
    }

    @Override
    public String subject() {
        return nfId;
    }
}
