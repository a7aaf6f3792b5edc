package io.edgefleet.bench;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.Workers;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The reference fleet of the repack benchmark: edge sites fragmented by the engine itself
 * under random create/delete churn, the way teams start and stop clusters all day.
 *
 * <p>Site: 6-16 hosts in 2-4 racks, two models mixed at random — small (2 NUMA x 16 cores,
 * 2 x 128 GiB) and large (2 x 32 cores, 2 x 256 GiB); each node 16 hugepages and 8 VFs on
 * physnet-a; 2 cores / 8 GiB reserved; CPU ratio 2; 2 TiB disk. Churn: 40 steps per host.
 * A step creates something or deletes a random cluster or network function. Creations are
 * clusters (85 %: 1 or 3 control-plane microVMs, rarely 5, of 2 vCPU and 4-8 GiB; 1-4 worker
 * microVMs of 2-8 vCPU and 4-32 GiB, or one bare-metal worker in one case of ten) or network
 * functions (1-2 replicas of 2-8 pinned cores, 2-8 hugepages, 2 VFs). The first 15 steps per
 * host create with probability 0.8 (the site fills up); afterwards 0.6 while the site's memory
 * load is under a random target of 30-70 %, else 0.3. Requests that do not fit are rejected,
 * as they would be.
 */
final class ChurnedFleet {

    private ChurnedFleet() {
    }

    static SiteState[] build(int sites, long seed) {
        Random rnd = new Random(seed);
        PlacementEngine engine = new PlacementEngine();
        SiteState[] out = new SiteState[sites];
        for (int s = 0; s < sites; s++) {
            SiteState state = SiteState.of(site(rnd, "site-" + s), List.of());
            List<String> owners = new ArrayList<>();
            // Busy hours fill the site; then the load falls to a random level while teams keep
            // starting and stopping clusters: what is left is scattered over many hosts.
            double target = 0.3 + 0.4 * rnd.nextDouble();
            int hosts = state.hostCount();
            for (int step = 0; step < 40 * hosts; step++) {
                double create = step < 15 * hosts ? 0.8 : load(state) > target ? 0.3 : 0.6;
                state = step(engine, rnd, state, owners, step, rnd.nextDouble() < create);
            }
            out[s] = state;
        }
        return out;
    }

    private static SiteState step(PlacementEngine engine, Random rnd, SiteState state,
                                  List<String> owners, int step, boolean create) {
        Decision d;
        String id = null;
        if (create && rnd.nextInt(100) < 85) {
            id = "c" + step;
            d = engine.createCluster(state, cluster(rnd, id));
        } else if (create) {
            id = "nf" + step;
            d = engine.placeNetworkFunction(state, nf(rnd, id), null);
        } else if (!owners.isEmpty()) {
            String gone = owners.remove(rnd.nextInt(owners.size()));
            d = gone.startsWith("nf") ? engine.deleteNetworkFunction(state, gone)
                    : engine.deleteCluster(state, gone);
        } else {
            return state;
        }
        if (!d.accepted()) {
            return state;
        }
        if (id != null) {
            owners.add(id);
        }
        return d.applyTo(state);
    }

    /** Memory held over memory usable, site-wide (bare-metal hosts count as full). */
    static double load(SiteState state) {
        double used = 0;
        double cap = 0;
        for (int h = 0; h < state.hostCount(); h++) {
            var l = state.host(h);
            cap += l.memoryCapacityMib();
            used += l.exclusiveOwner() != null ? l.memoryCapacityMib() : l.memoryCapacityMib() - l.freeMemoryMib();
        }
        return used / Math.max(1, cap);
    }

    private static Site site(Random rnd, String id) {
        int n = 6 + rnd.nextInt(11);
        int racks = 2 + rnd.nextInt(3);
        List<Host> hosts = new ArrayList<>();
        for (int h = 0; h < n; h++) {
            boolean large = rnd.nextBoolean();
            int cores = large ? 32 : 16;
            long mem = large ? 262_144 : 131_072;
            List<NumaNode> nodes = List.of(
                    new NumaNode(0, cores, mem, 16, Map.of("physnet-a", 8)),
                    new NumaNode(1, cores, mem, 16, Map.of("physnet-a", 8)));
            hosts.add(new Host("h" + h, "rack-" + (h % racks), HostState.READY,
                    Set.of(Host.MICROVM, Host.sriov("physnet-a")), nodes,
                    new SystemReserve(2, 8_192), 2.0, 2_048));
        }
        return new Site(id, hosts);
    }

    private static ClusterRequest cluster(Random rnd, String id) {
        int r = rnd.nextInt(10);
        int cps = r < 4 ? 1 : r < 9 ? 3 : 5;
        MicroVmSize cp = new MicroVmSize(2, 4_096L * (1 + rnd.nextInt(2)), 20);
        Workers w = rnd.nextInt(10) == 0 ? Workers.bareMetal(1)
                : Workers.microVms(1 + rnd.nextInt(4),
                new MicroVmSize(2 << rnd.nextInt(3), 4_096L << rnd.nextInt(4), 40));
        return new ClusterRequest(id, "team-" + rnd.nextInt(8), cps, cp, w);
    }

    private static NetworkFunctionRequest nf(Random rnd, String id) {
        return new NetworkFunctionRequest(id, "team-ran", "c", 1 + rnd.nextInt(2), 2 + rnd.nextInt(7),
                2 + rnd.nextInt(7), 4_096, Map.of("physnet-a", 2));
    }
}
