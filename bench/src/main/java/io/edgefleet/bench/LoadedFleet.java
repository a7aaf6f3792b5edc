package io.edgefleet.bench;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Resources;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic fleet for the decision benchmark: sites of identical hosts (2 NUMA nodes x 16
 * cores, 2 x 128 GiB, 16 hugepages and 8 VFs on physnet-a per node, 2 cores / 8 GiB reserved,
 * CPU ratio 2.0, 2 TiB disk) in 4 racks, filled with random microVMs to a target load of
 * shared vCPU and memory.
 */
final class LoadedFleet {

    private LoadedFleet() {
    }

    static SiteState[] build(int sites, int hostsPerSite, double load, long seed) {
        Random rnd = new Random(seed);
        SiteState[] out = new SiteState[sites];
        int[] vcpus = {1, 2, 4, 8};
        for (int s = 0; s < sites; s++) {
            List<Host> hosts = new ArrayList<>();
            for (int h = 0; h < hostsPerSite; h++) {
                List<NumaNode> nodes = List.of(
                        new NumaNode(0, 16, 131_072, 16, Map.of("physnet-a", 8)),
                        new NumaNode(1, 16, 131_072, 16, Map.of("physnet-a", 8)));
                hosts.add(new Host("h" + h, "rack-" + (h % 4), HostState.READY,
                        Set.of(Host.MICROVM, Host.sriov("physnet-a")), nodes,
                        new SystemReserve(2, 8_192), 2.0, 2_048));
            }
            Site site = new Site("site-" + s, hosts);
            SiteState state = SiteState.of(site, List.of());
            List<Allocation> allocs = new ArrayList<>();
            for (int h = 0; h < hostsPerSite; h++) {
                var ledger = state.host(h);
                int vcpuTarget = (int) (ledger.vcpuCapacity() * load);
                long memTarget = (long) (ledger.memoryCapacityMib() * load);
                int vcpu = 0;
                long mem = 0;
                for (int k = 0; ; k++) {
                    int v = vcpus[rnd.nextInt(vcpus.length)];
                    long m = v * 4_096L;
                    if (vcpu + v > vcpuTarget || mem + m > memTarget) {
                        break;
                    }
                    vcpu += v;
                    mem += m;
                    allocs.add(new Allocation("load-" + h + "-" + k + "/w-0", HolderKind.WORKER_VM,
                            "load-" + h + "-" + k, "team-" + rnd.nextInt(10), "h" + h,
                            Allocation.ANY_NUMA, Resources.microVm(v, m, 20)));
                }
            }
            out[s] = SiteState.of(site, allocs);
        }
        return out;
    }
}
