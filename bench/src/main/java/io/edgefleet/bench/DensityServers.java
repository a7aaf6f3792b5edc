package io.edgefleet.bench;

import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one server type of the density fleet, after Das Schiff's worker node (64 vCPU, 256 GB,
 * 800 GB SSD, 25GbE NICs with hardware acceleration): 64 cores as 2 NUMA nodes of 32 cores and
 * 128 GiB, of which 32 x 1 GiB hugepages per node (96 GiB normal pages), one SR-IOV NIC per node
 * with 16 VFs on {@link #PHYSNET}, 800 GiB disk, 2 cores / 8 GiB reserved for the system, no CPU
 * overcommit, hosts alternating over 2 racks.
 */
final class DensityServers {

    /** The physical network all VFs of the fleet are on. */
    static final String PHYSNET = "physnet-data";

    private DensityServers() {
    }

    /** Mixed mode: every server may run microVMs and network functions. */
    static Site mixed(String siteId, int hosts) {
        List<Host> list = new ArrayList<>(hosts);
        for (int h = 0; h < hosts; h++) {
            list.add(server("h" + h, h, Set.of(Host.MICROVM, Host.sriov(PHYSNET))));
        }
        return new Site(siteId, list);
    }

    /**
     * Dedicated mode, one cluster: three servers that only take its control plane (no sriov, so
     * no network function lands there) and {@code workerHosts} servers for its bare-metal workers
     * and network functions (no microvm capability, so no control plane lands there).
     */
    static Site dedicated(String siteId, int workerHosts) {
        List<Host> list = new ArrayList<>();
        for (int h = 0; h < DensitySite.CONTROL_PLANE_REPLICAS; h++) {
            list.add(server("cp" + h, h, Set.of(Host.MICROVM)));
        }
        for (int h = 0; h < workerHosts; h++) {
            list.add(server("w" + h, h, Set.of(Host.sriov(PHYSNET))));
        }
        return new Site(siteId, list);
    }

    private static Host server(String id, int position, Set<String> capabilities) {
        List<NumaNode> nodes = List.of(node(0), node(1));
        return new Host(id, "rack-" + (position % 2), HostState.READY, capabilities, nodes,
                new SystemReserve(2, 8 * 1_024), 1.0, 800);
    }

    private static NumaNode node(int index) {
        return new NumaNode(index, 32, 96 * 1_024, 32, Map.of(PHYSNET, 16));
    }
}
