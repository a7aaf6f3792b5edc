package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small hand-built fleets for tests. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A microVM host with two NUMA nodes of 8 cores, 32 GiB, 8 hugepages and 4 VFs on
     * physnet-a each; no reserve; CPU ratio 1 (so 16 shared vCPUs); 500 GiB disk.
     */
    static Host host(String id, String fd) {
        return host(id, fd, HostState.READY, 1.0);
    }

    static Host host(String id, String fd, HostState state, double ratio) {
        NumaNode n0 = new NumaNode(0, 8, 32_768, 8, Map.of("physnet-a", 4));
        NumaNode n1 = new NumaNode(1, 8, 32_768, 8, Map.of("physnet-a", 4));
        return new Host(id, fd, state, Set.of(Host.MICROVM, Host.sriov("physnet-a")),
                List.of(n0, n1), SystemReserve.NONE, ratio, 500);
    }

    /** A host that cannot run microVMs (no capability). */
    static Host plainHost(String id, String fd) {
        NumaNode n0 = new NumaNode(0, 8, 32_768, 0, Map.of());
        return new Host(id, fd, HostState.READY, Set.of(), List.of(n0), SystemReserve.NONE, 1.0, 500);
    }

    /** Site {@code par-01} with the given hosts. */
    static Site site(Host... hosts) {
        return new Site("par-01", Arrays.asList(hosts));
    }

    /** Hosts h1..hn, host i in failure domain rack-(i mod racks). */
    static Site site(int n, int racks) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hosts.add(host("h" + i, "rack-" + (char) ('a' + (i - 1) % racks)));
        }
        return new Site("par-01", hosts);
    }

    static SiteState empty(Site site) {
        return SiteState.of(site, List.of());
    }

    static MicroVmSize vm(int vcpu, long mib) {
        return new MicroVmSize(vcpu, mib, 20);
    }

    static ClusterRequest cluster(String id, int cps, Workers workers) {
        return new ClusterRequest(id, "team-a", cps, vm(2, 4096), workers);
    }

    /** A microVM allocation used to pre-load hosts. */
    static Allocation filler(String holder, String host, int vcpu, long mib) {
        return new Allocation(holder, io.edgefleet.placement.engine.model.HolderKind.WORKER_VM,
                "filler", "team-z", host, Allocation.ANY_NUMA,
                io.edgefleet.placement.engine.model.Resources.microVm(vcpu, mib, 0));
    }
}
