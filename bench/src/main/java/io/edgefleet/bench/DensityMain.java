package io.edgefleet.bench;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
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
 * Hosts a reference fleet needs with dedicated control-plane servers versus control planes as
 * microVMs placed by the engine. Sizes from Das Schiff: control-plane node 4 vCPU / 32 GB,
 * worker 64 vCPU / 256 GB (a whole server, bare metal, in both modes).
 *
 * <p>Fleet (seeded): 1,000 sites; each runs 1-6 clusters; each cluster has 3 control-plane
 * replicas and 1-4 bare-metal workers. Server: 2 NUMA nodes x 32 cores x 128 GiB, 2 cores /
 * 8 GiB reserved, CPU ratio 1.0 (no overcommit), 2 racks.
 * Dedicated: every control-plane replica is a server, every worker a server.
 * Mixed: the fewest servers with which the engine accepts every cluster of the site, in order.
 * Last line: {@code dedicated_hosts=<n> mixed_hosts=<n> saved_pct=<n>}.
 */
public final class DensityMain {

    private DensityMain() {
    }

    public static void main(String[] args) {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Random rnd = new Random(2024);
        PlacementEngine engine = new PlacementEngine();
        MicroVmSize cp = new MicroVmSize(4, 32 * 1_024, 40);
        long dedicated = 0;
        long mixed = 0;
        long clusters = 0;
        for (int s = 0; s < sites; s++) {
            int n = 1 + rnd.nextInt(6);
            List<ClusterRequest> requests = new ArrayList<>();
            int workers = 0;
            for (int c = 0; c < n; c++) {
                int w = 1 + rnd.nextInt(4);
                workers += w;
                requests.add(new ClusterRequest("c" + c, "team-" + c, 3, cp, Workers.bareMetal(w)));
            }
            clusters += n;
            dedicated += 3L * n + workers;
            mixed += fewestHosts(engine, "site-" + s, requests, workers);
        }
        long saved = Math.round(100.0 * (dedicated - mixed) / dedicated);
        System.out.printf("sites=%d clusters=%d%n", sites, clusters);
        System.out.printf("dedicated_hosts=%d mixed_hosts=%d saved_pct=%d%n", dedicated, mixed, saved);
    }

    private static int fewestHosts(PlacementEngine engine, String siteId, List<ClusterRequest> reqs,
                                   int workers) {
        for (int hosts = workers + 1; ; hosts++) {
            SiteState state = SiteState.of(site(siteId, hosts), List.of());
            boolean all = true;
            for (ClusterRequest r : reqs) {
                Decision d = engine.createCluster(state, r);
                if (!d.accepted()) {
                    all = false;
                    break;
                }
                state = d.applyTo(state);
            }
            if (all) {
                return hosts;
            }
        }
    }

    private static Site site(String id, int hosts) {
        List<Host> list = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            List<NumaNode> nodes = List.of(new NumaNode(0, 32, 131_072, 0, Map.of()),
                    new NumaNode(1, 32, 131_072, 0, Map.of()));
            list.add(new Host("h" + h, "rack-" + (h % 2), HostState.READY, Set.of(Host.MICROVM),
                    nodes, new SystemReserve(2, 8_192), 1.0, 4_096));
        }
        return new Site(id, list);
    }
}
