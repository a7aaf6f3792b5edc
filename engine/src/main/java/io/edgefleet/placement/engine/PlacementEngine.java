package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;

/**
 * The placement decisions of one site. Every method is a pure function of its arguments: it
 * reads a {@link SiteState} and returns a {@link Decision}; the caller persists the decision
 * (and may rebuild the state with {@link Decision#applyTo}). Thread-safe and stateless.
 *
 * <p>Every rejection carries a stable {@link RejectionCode} and a sentence naming the site and
 * the closest candidate.
 */
public final class PlacementEngine {

    /**
     * Places a new cluster: bare-metal workers on whole empty hosts, the control-plane microVMs
     * on distinct hosts (and failure domains where the site has enough), microVM workers
     * densely. All or nothing.
     */
    public Decision createCluster(SiteState state, ClusterRequest request) {
        return ClusterDecisions.create(state, request, null);
    }

    /** As {@link #createCluster(SiteState, ClusterRequest)}, also keeping the team's quota. */
    public Decision createCluster(SiteState state, ClusterRequest request, TeamQuota quota) {
        return ClusterDecisions.create(state, request, quota);
    }

    /** Releases every control-plane and worker allocation of the cluster on this site. */
    public Decision deleteCluster(SiteState state, String clusterId) {
        return ClusterDecisions.delete(state, clusterId);
    }
}
