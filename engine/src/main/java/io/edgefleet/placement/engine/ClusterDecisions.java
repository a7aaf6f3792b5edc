package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.Resources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Create and delete clusters: control-plane microVMs plus bare-metal or microVM workers. */
final class ClusterDecisions {

    /** Control-plane sizes, at creation and after a scale alike: odd, so that etcd keeps a quorum. */
    static final Set<Integer> CONTROL_PLANE_REPLICAS = Set.of(1, 3, 5, 7);

    private ClusterDecisions() {
    }

    static Decision create(SiteState state, ClusterRequest req, TeamQuota quota) {
        int replicas = req.controlPlaneReplicas();
        if (!CONTROL_PLANE_REPLICAS.contains(replicas)) {
            return Decision.rejected(RejectionCode.INVALID_REQUEST, "cluster " + req.clusterId()
                    + ": a control plane has 1, 3, 5 or 7 replicas, not " + replicas);
        }
        if (exists(state, req.clusterId())) {
            return Decision.rejected(RejectionCode.ALREADY_EXISTS, "site " + state.site().id()
                    + ": cluster " + req.clusterId() + " already holds allocations here");
        }
        Scratch s = new Scratch(state);
        // Bare-metal workers first: they need whole empty hosts, which the microVMs below
        // must then leave alone.
        Rejection r = req.workers().mode() == Workers.Mode.BARE_METAL
                ? placeBareMetal(s, req.clusterId(), req.team(), 0, req.workers().count())
                : null;
        if (r == null) {
            r = placeControlPlane(s, req, replicas);
        }
        if (r == null && req.workers().mode() == Workers.Mode.MICRO_VM) {
            r = placeWorkerVms(s, req.clusterId(), req.team(), 0, req.workers().count(),
                    req.workers().size().resources());
        }
        if (r != null) {
            return Decision.rejected(r.code(), r.message());
        }
        return checkQuota(s, quota, 1);
    }

    static Decision checkQuota(Scratch s, TeamQuota quota) {
        return checkQuota(s, quota, 0);
    }

    /** The decision, or a QUOTA_EXCEEDED rejection; {@code newClusters} counts clusters it creates. */
    static Decision checkQuota(Scratch s, TeamQuota quota, int newClusters) {
        if (quota != null) {
            String over = quota.exceeded(s.delta(quota.team()).plusClusters(newClusters));
            if (over != null) {
                return Decision.rejected(RejectionCode.QUOTA_EXCEEDED, over);
            }
        }
        return s.decision();
    }

    static boolean exists(SiteState state, String ownerId) {
        for (Allocation a : state.allocations()) {
            if (a.ownerId().equals(ownerId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Places the control plane. Replicas go to distinct hosts, and to distinct failure domains
     * when the site has at least as many failure domains as replicas (hard); otherwise they
     * spread as far as they can (soft). Replicas are identical, so greedy is exact here: a
     * choice on one host never changes what fits on another.
     */
    private static Rejection placeControlPlane(Scratch s, ClusterRequest req, int replicas) {
        Resources size = req.controlPlane().resources();
        boolean hard = failureDomains(s.ledgers) >= replicas;
        boolean[] avoid = new boolean[s.hosts()];
        List<String> usedFds = new ArrayList<>(replicas);
        for (int i = 0; i < replicas; i++) {
            String holder = req.clusterId() + "/cp-" + i;
            int h = MicroVmPlacer.choose(s.ledgers, size, avoid, usedFds, hard);
            if (h < 0) {
                return MicroVmExplainer.explain(s, size, "control-plane replica " + holder,
                        avoid, usedFds, hard);
            }
            Host host = s.ledgers[h].host();
            s.place(new Allocation(holder, HolderKind.CONTROL_PLANE, req.clusterId(), req.team(),
                    host.id(), Allocation.ANY_NUMA, size));
            avoid[h] = true;
            usedFds.add(host.failureDomain());
        }
        return null;
    }

    /** Distinct failure domains among hosts that can run microVMs now. */
    static int failureDomains(HostLedger[] hosts) {
        Set<String> fds = new HashSet<>();
        for (HostLedger h : hosts) {
            if (h.acceptsMicroVms()) {
                fds.add(h.host().failureDomain());
            }
        }
        return fds.size();
    }

    static Rejection placeWorkerVms(Scratch s, String clusterId, String team, int from, int to,
                                    Resources size) {
        for (int i = from; i < to; i++) {
            String holder = clusterId + "/w-" + i;
            int h = MicroVmPlacer.choose(s.ledgers, size, null, null, false);
            if (h < 0) {
                return MicroVmExplainer.explain(s, size, "worker " + holder, null, null, false);
            }
            s.place(new Allocation(holder, HolderKind.WORKER_VM, clusterId, team,
                    s.ledgers[h].host().id(), Allocation.ANY_NUMA, size));
        }
        return null;
    }

    /**
     * Gives whole empty hosts to the cluster. Hosts that cannot run microVMs or offer fewer
     * capabilities go first, so that the hosts able to run control planes and network
     * functions stay available for them.
     */
    static Rejection placeBareMetal(Scratch s, String clusterId, String team, int from, int to) {
        for (int i = from; i < to; i++) {
            String holder = clusterId + "/w-" + i;
            int best = -1;
            for (int h = 0; h < s.hosts(); h++) {
                HostLedger l = s.ledgers[h];
                if (l.schedulable() && l.isEmpty()
                        && (best < 0 || preferForBareMetal(s.ledgers, l, s.ledgers[best]))) {
                    best = h;
                }
            }
            if (best < 0) {
                return noFreeHost(s, clusterId, to - i);
            }
            s.place(new Allocation(holder, HolderKind.WORKER_BAREMETAL, clusterId, team,
                    s.ledgers[best].host().id(), Allocation.ANY_NUMA, Resources.ZERO));
        }
        return null;
    }

    private static boolean preferForBareMetal(HostLedger[] all, HostLedger a, HostLedger b) {
        boolean am = a.host().capabilities().contains(Host.MICROVM);
        boolean bm = b.host().capabilities().contains(Host.MICROVM);
        if (am != bm) {
            return !am;
        }
        // Taking the last microVM host of a failure domain would shrink control-plane spread.
        boolean aLast = am && microVmHostsIn(all, a.host().failureDomain()) == 1;
        boolean bLast = bm && microVmHostsIn(all, b.host().failureDomain()) == 1;
        if (aLast != bLast) {
            return !aLast;
        }
        return a.host().capabilities().size() < b.host().capabilities().size();
    }

    private static int microVmHostsIn(HostLedger[] all, String failureDomain) {
        int n = 0;
        for (HostLedger l : all) {
            if (l.acceptsMicroVms() && l.host().failureDomain().equals(failureDomain)) {
                n++;
            }
        }
        return n;
    }

    private static Rejection noFreeHost(Scratch s, String clusterId, int missing) {
        HostLedger closest = null;
        for (HostLedger l : s.ledgers) {
            if (l.schedulable() && (closest == null || l.holderCount() < closest.holderCount())) {
                closest = l;
            }
        }
        String tail = closest == null ? "no host is READY"
                : "closest: host " + closest.host().id() + " with " + closest.holderCount()
                + " allocation(s) on it";
        return new Rejection(RejectionCode.NO_FREE_HOST, "site " + s.siteId() + ": cluster "
                + clusterId + " needs " + missing + " more empty READY host(s) for bare-metal workers ("
                + tail + ")");
    }

    static Decision delete(SiteState state, String clusterId) {
        Scratch s = new Scratch(state);
        for (Allocation a : state.allocationsOf(clusterId)) {
            if (a.kind() != HolderKind.NF_REPLICA) {
                s.release(a);
            }
        }
        if (s.released.isEmpty()) {
            return Decision.rejected(RejectionCode.UNKNOWN_OWNER, "site " + state.site().id()
                    + ": cluster " + clusterId + " holds nothing here");
        }
        return s.decision();
    }
}
