package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random heterogeneous sites fragmented by the engine itself: clusters (microVM or bare-metal
 * workers, 1/3/5 control-plane replicas) and network functions are created and deleted at
 * random, control planes scaled, then some hosts are cordoned or marked DOWN. Seeded, so a failure replays.
 */
final class ChurnedSites {

    private ChurnedSites() {
    }

    static SiteState build(Random rnd, int steps) {
        PlacementEngine engine = new PlacementEngine();
        Site site = randomSite(rnd);
        SiteState state = SiteState.of(site, List.of());
        List<String> owners = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(10);
            Decision d;
            if (op < 5) {
                d = engine.createCluster(state, randomCluster(rnd, "c" + step));
                if (d.accepted()) {
                    owners.add("c" + step);
                }
            } else if (op < 7) {
                d = engine.placeNetworkFunction(state, randomNf(rnd, "nf" + step), null);
                if (d.accepted()) {
                    owners.add("nf" + step);
                }
            } else if (op < 8 && !owners.isEmpty()) {
                String id = owners.get(rnd.nextInt(owners.size()));
                if (id.startsWith("nf")) {
                    continue;
                }
                d = engine.scaleControlPlane(state, id, 1 + 2 * rnd.nextInt(3), null);
            } else if (!owners.isEmpty()) {
                String id = owners.remove(rnd.nextInt(owners.size()));
                d = id.startsWith("nf") ? engine.deleteNetworkFunction(state, id)
                        : engine.deleteCluster(state, id);
            } else {
                continue;
            }
            if (d.accepted()) {
                state = d.applyTo(state);
            }
        }
        return state.withSite(withStates(rnd, state.site()));
    }

    /** Hosts of two or three models, 1-4 racks, ratios 1-4. */
    static Site randomSite(Random rnd) {
        int n = 3 + rnd.nextInt(10);
        int racks = 1 + rnd.nextInt(4);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int model = rnd.nextInt(3);
            int cores = 8 << model;               // 8, 16 or 32 per node
            long mem = 32_768L << model;          // 32, 64 or 128 GiB per node
            List<NumaNode> nodes = new ArrayList<>();
            for (int k = 0; k < 1 + rnd.nextInt(2); k++) {
                nodes.add(new NumaNode(k, cores, mem, 4 + rnd.nextInt(12),
                        rnd.nextBoolean() ? Map.of("physnet-a", 2 + rnd.nextInt(6))
                                : Map.of("physnet-a", rnd.nextInt(4), "physnet-b", rnd.nextInt(4))));
            }
            Set<String> caps = new HashSet<>();
            if (rnd.nextInt(6) > 0) {
                caps.add(Host.MICROVM);
            }
            if (rnd.nextInt(4) > 0) {
                caps.add(Host.sriov("physnet-a"));
            }
            if (rnd.nextBoolean()) {
                caps.add(Host.sriov("physnet-b"));
            }
            hosts.add(new Host("h" + i, "rack-" + rnd.nextInt(racks), HostState.READY, caps, nodes,
                    new SystemReserve(rnd.nextInt(3), 1_024L * rnd.nextInt(4)),
                    1.0 + rnd.nextInt(4) * 1.0, 200 + rnd.nextInt(800)));
        }
        return new Site("s", hosts);
    }

    private static Site withStates(Random rnd, Site site) {
        List<Host> hosts = new ArrayList<>();
        for (Host h : site.hosts()) {
            int r = rnd.nextInt(12);
            HostState st = r == 0 ? HostState.CORDONED : r == 1 ? HostState.DOWN : HostState.READY;
            hosts.add(new Host(h.id(), h.failureDomain(), st, h.capabilities(), h.numaNodes(),
                    h.reserved(), h.cpuAllocationRatio(), h.diskGib()));
        }
        return new Site(site.id(), hosts);
    }

    static ClusterRequest randomCluster(Random rnd, String id) {
        int[] cps = {1, 3, 5};
        MicroVmSize cp = new MicroVmSize(1 + rnd.nextInt(4), 1_024L * (1 + rnd.nextInt(8)), 10);
        Workers w = switch (rnd.nextInt(6)) {
            case 0 -> Workers.none();
            case 1 -> Workers.bareMetal(1);
            default -> Workers.microVms(1 + rnd.nextInt(4),
                    new MicroVmSize(1 + rnd.nextInt(8), 1_024L * (1 + rnd.nextInt(16)), 20));
        };
        return new ClusterRequest(id, "t" + rnd.nextInt(3), cps[rnd.nextInt(3)], cp, w);
    }

    static NetworkFunctionRequest randomNf(Random rnd, String id) {
        Map<String, Integer> vfs = rnd.nextBoolean() ? Map.of("physnet-a", 1 + rnd.nextInt(2))
                : Map.of("physnet-a", 1, "physnet-b", 1);
        return new NetworkFunctionRequest(id, "tn", "c", 1 + rnd.nextInt(2), 1 + rnd.nextInt(6),
                rnd.nextInt(4), 1_024L * rnd.nextInt(8), vfs);
    }
}
