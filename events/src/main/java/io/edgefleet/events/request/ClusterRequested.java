package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A team asks for a new Kubernetes cluster at a site ({@code io.edgefleet.cluster.requested.v1}).
 *
 * @param clusterId         the new cluster's id, chosen by the requester (DNS label)
 * @param team              owning team (quota holder)
 * @param siteId            the edge site
 * @param kubernetesVersion e.g. {@code 1.31} or {@code v1.31.2}
 * @param controlPlane      control-plane microVMs
 * @param workers           bare-metal or microVM workers
 * @param ttlSeconds        optional time to live; the cluster is deleted when it expires
 * @param labels            free labels (Kubernetes label syntax), never {@code null}
 */
public record ClusterRequested(
        String clusterId,
        String team,
        String siteId,
        String kubernetesVersion,
        ControlPlane controlPlane,
        Workers workers,
        Long ttlSeconds,
        Map<String, String> labels) implements EventPayload {

    public ClusterRequested {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The TTL as a duration, if one was asked for. */
    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttlSeconds).map(Duration::ofSeconds);
    }

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return clusterId;
    }
}
