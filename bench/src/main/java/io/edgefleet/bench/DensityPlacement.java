package io.edgefleet.bench;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Site;
import java.util.List;

/**
 * Servers one site needs in each mode, every cluster and network function placed by the engine
 * with the host model in force (a host is a node of one cluster at most, an NF replica only on
 * its cluster's nodes or on nobody's, microVMs never on a bare-metal worker, pinned cores out of
 * the shared vCPU pool).
 */
final class DensityPlacement {

    /** Outcome of the mixed mode: the fewest servers and the state the engine left on them. */
    record Mixed(int hosts, SiteState state) {
    }

    private final PlacementEngine engine = new PlacementEngine();

    /**
     * Mixed mode: the fewest servers with which the engine accepts every cluster and network
     * function of the site, in order. Starts at the workers plus 3: bare-metal workers take whole
     * hosts and the 3 control-plane replicas of a cluster need 3 other, distinct hosts.
     */
    Mixed mixed(DensitySite site) {
        int from = site.workers() + DensitySite.CONTROL_PLANE_REPLICAS;
        int limit = from + hostsEachOnItsOwn(site);
        for (int hosts = from; hosts <= limit; hosts++) {
            SiteState state = placeAll(DensityServers.mixed(site.id(), hosts), site.clusters());
            if (state != null) {
                return new Mixed(hosts, state);
            }
        }
        throw new IllegalStateException("site " + site.id() + ": the engine placed it on none of "
                + from + ".." + limit + " servers");
    }

    /**
     * Dedicated mode: per cluster 3 control-plane servers plus the fewest servers with which the
     * engine accepts its bare-metal workers and then its network functions. Clusters share no
     * server in this mode (an NF host is a node of its cluster only), so the site is the sum.
     */
    int dedicated(DensitySite site) {
        int sum = 0;
        for (DensitySite.Cluster c : site.clusters()) {
            sum += DensitySite.CONTROL_PLANE_REPLICAS + dedicatedWorkerHosts(site.id(), c);
        }
        return sum;
    }

    /** Workers and NF hosts of one cluster in dedicated mode. */
    int dedicatedWorkerHosts(String siteId, DensitySite.Cluster c) {
        int limit = c.workers() + replicas(c.networkFunctions());
        for (int hosts = c.workers(); hosts <= limit; hosts++) {
            if (placeAll(DensityServers.dedicated(siteId, hosts), List.of(c)) != null) {
                return hosts;
            }
        }
        throw new IllegalStateException("site " + siteId + ": cluster " + c.request().clusterId()
                + " fits on none of " + c.workers() + ".." + limit + " worker servers");
    }

    /** The state after placing every cluster and its network functions in turn, or null at the first rejection. */
    SiteState placeAll(Site site, List<DensitySite.Cluster> clusters) {
        SiteState state = SiteState.of(site, List.of());
        for (DensitySite.Cluster c : clusters) {
            Decision d = engine.createCluster(state, c.request());
            if (!d.accepted()) {
                return null;
            }
            state = d.applyTo(state);
            for (NetworkFunctionRequest nf : c.networkFunctions()) {
                d = engine.placeNetworkFunction(state, nf, null);
                if (!d.accepted()) {
                    return null;
                }
                state = d.applyTo(state);
            }
        }
        return state;
    }

    /** An upper bound: every control plane replica and NF replica on a server of its own. */
    private static int hostsEachOnItsOwn(DensitySite site) {
        int sum = 0;
        for (DensitySite.Cluster c : site.clusters()) {
            sum += DensitySite.CONTROL_PLANE_REPLICAS + replicas(c.networkFunctions());
        }
        return sum;
    }

    private static int replicas(List<NetworkFunctionRequest> nfs) {
        int sum = 0;
        for (NetworkFunctionRequest nf : nfs) {
            sum += nf.replicas();
        }
        return sum;
    }
}
