package io.edgefleet.api.view;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read side: the latest status of every cluster and the outcome of every request, as the
 * placement service published them. Rebuilt from the (compacted) topics at every start.
 */
@ApplicationScoped
public class FleetView {
    private final Map<String, ClusterStatusChanged> clusters = new ConcurrentHashMap<>();
    private final Map<String, RequestOutcome> outcomes = new ConcurrentHashMap<>();

    /** Keeps the newer of two statuses of a cluster (events may be replayed or reordered across restarts). */
    public void apply(ClusterStatusChanged status) {
        clusters.merge(status.clusterId(), status,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
    }

    public void apply(RequestAccepted accepted) {
        outcomes.putIfAbsent(accepted.requestId(), RequestOutcome.accepted(accepted));
    }

    public void apply(RequestRejected rejected) {
        outcomes.putIfAbsent(rejected.requestId(), RequestOutcome.rejected(rejected));
    }

    public Optional<ClusterStatusChanged> cluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
    }

    public List<ClusterStatusChanged> clusters() {
        return clusters.values().stream().sorted(Comparator.comparing(ClusterStatusChanged::clusterId)).toList();
    }

    public Optional<RequestOutcome> outcome(String requestId) {
        return Optional.ofNullable(outcomes.get(requestId));
    }
}
