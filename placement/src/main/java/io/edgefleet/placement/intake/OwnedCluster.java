package io.edgefleet.placement.intake;

import io.edgefleet.placement.store.ClusterRow;
import java.util.List;
import java.util.Optional;

/**
 * The checks every request on an existing cluster starts with: it is live, the requesting team owns
 * it, and it runs on the site the request names (the request's partition key, so its order holds).
 *
 * @param cluster the cluster, when every check passed
 * @param refusal the first check that failed, otherwise {@code null}
 */
record OwnedCluster(ClusterRow cluster, Outcome refusal) {

    static OwnedCluster check(Optional<ClusterRow> found, String clusterId, String team, String siteId) {
        if (found.isEmpty() || !ClusterRemoval.LIVE.contains(found.get().status())) {
            return refused(Outcome.reject("UNKNOWN_CLUSTER", "cluster " + clusterId + " does not exist"
                    + found.map(c -> " any more (it is " + c.status() + ")").orElse("")));
        }
        ClusterRow cluster = found.get();
        if (!cluster.team().equals(team)) {
            return refused(Outcome.reject("NOT_OWNER", "cluster " + clusterId + " belongs to team "
                    + cluster.team() + ", not " + team, List.of("$.team")));
        }
        if (!cluster.siteId().equals(siteId)) {
            return refused(Outcome.reject("WRONG_SITE", "cluster " + clusterId + " runs on site "
                    + cluster.siteId() + ", not " + siteId, List.of("$.siteId")));
        }
        return new OwnedCluster(cluster, null);
    }

    private static OwnedCluster refused(Outcome outcome) {
        return new OwnedCluster(null, outcome);
    }

    boolean refused() {
        return refusal != null;
    }
}
