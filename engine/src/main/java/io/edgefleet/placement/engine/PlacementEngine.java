package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import java.util.List;
import java.util.Map;

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

    /**
     * Scales the cluster's workers to {@code target} (same kind and size as now): removes the
     * highest-numbered ones, or adds new ones densely.
     */
    public Decision scaleWorkers(SiteState state, String clusterId, Workers target, TeamQuota quota) {
        return WorkerScaling.scale(state, clusterId, target, quota);
    }

    /**
     * Scales the cluster's control plane to {@code replicas} (1, 3, 5 or 7; same size as now).
     * New replicas go to hosts without a sibling, and to failure domains without one where the
     * site has at least {@code replicas} of them; scaling down removes the newest replicas
     * (highest index). Asking for the current count is accepted and changes nothing.
     */
    public Decision scaleControlPlane(SiteState state, String clusterId, int replicas, TeamQuota quota) {
        return ControlPlaneScaling.scale(state, clusterId, replicas, quota);
    }

    /**
     * Adds one replica of the same kind and size beside {@code replacedHolderId} (a control-plane or
     * worker microVM of the cluster), which is to leave once the newcomer has joined: a rolling
     * replacement, one replica at a time. The newcomer takes the next index of its kind; see
     * {@link ReplicaSurge} for where it goes.
     */
    public Decision surgeReplica(SiteState state, String clusterId, String replacedHolderId) {
        return ReplicaSurge.surge(state, clusterId, replacedHolderId);
    }

    /**
     * Places a network function's replicas, each on one NUMA node of a distinct host. When no
     * node has room, control-plane microVMs may be displaced (re-placed elsewhere first; the
     * moves appear in the decision with the same holder id in {@code placed} and
     * {@code released}).
     */
    public Decision placeNetworkFunction(SiteState state, NetworkFunctionRequest request, TeamQuota quota) {
        return NetworkFunctionDecisions.place(state, request, quota);
    }

    /** Releases every replica of the network function. */
    public Decision deleteNetworkFunction(SiteState state, String nfId) {
        return NetworkFunctionDecisions.delete(state, nfId);
    }

    /**
     * The host is lost: re-places what it held (network functions first) and lists in
     * {@link Decision#unplaced()} what cannot be, with the reason. Always accepted unless the
     * host is unknown.
     */
    public Decision hostLost(SiteState state, String hostId) {
        return HostLossDecisions.hostLost(state, hostId);
    }

    /**
     * Re-packs a site so that as many whole hosts as possible become empty (for bare-metal
     * workers, or to power them down), within the options' move cap and time budget.
     *
     * <p>Only READY or CORDONED hosts holding microVMs and (if allowed) NF replicas are emptied;
     * bare-metal workers and DOWN hosts stay as they are. Holders move only to hosts that stay
     * in use and are READY, never to an empty host, so the number of hosts in use never grows;
     * every capacity, NUMA and anti-affinity rule holds after the moves, and while they run.
     * Deterministic for a given seed unless the budget cuts the search short.
     */
    public RepackResult repackSite(SiteState state, RepackOptions options) {
        return Repacker.repack(state, options);
    }

    /**
     * Places a burst of cluster requests at once, each all or nothing, trying several orders
     * (largest and whole-host requests first, arrival, and a seeded improvement search) so that
     * more requests fit than one by one in arrival order, and never fewer. Each request gets
     * its own decision, with the usual rejection when it does not fit.
     *
     * @param quotas quota of each team by team id; a team without an entry has no limit
     */
    public BatchResult placeBatch(SiteState state, List<ClusterRequest> requests,
                                  Map<String, TeamQuota> quotas, BatchOptions options) {
        return BatchPlanner.place(state, requests, quotas, options);
    }

    /** As {@link #placeBatch(SiteState, List, Map, BatchOptions)}, without quotas. */
    public BatchResult placeBatch(SiteState state, List<ClusterRequest> requests, BatchOptions options) {
        return BatchPlanner.place(state, requests, Map.of(), options);
    }
}
