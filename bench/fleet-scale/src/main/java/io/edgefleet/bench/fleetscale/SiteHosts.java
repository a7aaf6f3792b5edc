package io.edgefleet.bench.fleetscale;

import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.NumaInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory of one simulated site: 16 edge servers in four racks, two NUMA nodes each
 * (32 cores, 128 GiB with 16 x 1 GiB hugepages, 8 SR-IOV VFs), the host shape of the local fleet.
 */
final class SiteHosts {
    static final int HOSTS_PER_SITE = 16;

    private SiteHosts() {
    }

    static String siteId(int index) {
        return String.format("site-%04d", index);
    }

    static String hostId(int index) {
        return String.format("h%02d", index);
    }

    static SiteInventory inventory(String siteId) {
        List<Host> hosts = new ArrayList<>();
        for (int h = 1; h <= HOSTS_PER_SITE; h++) {
            hosts.add(new Host(hostId(h), "rack-" + ((h - 1) % 4 + 1), HostState.READY,
                    Set.of("microvm", "sriov:physnet-a", "sriov:physnet-b"), 4.0, new ReservedShare(4, 16_384), 1800,
                    List.of(new NumaNode(0, 32, 131_072, 16, Map.of("physnet-a", 8)),
                            new NumaNode(1, 32, 131_072, 16, Map.of("physnet-b", 8)))));
        }
        return new SiteInventory(siteId, "bench", hosts);
    }

    /** A host as the heartbeat carries it, in the state the agent currently measures. */
    static HostInventory wire(Host host, boolean down) {
        List<NumaInventory> numa = host.numaNodes().stream()
                .map(n -> new NumaInventory(n.id(), n.cores(), n.memoryMib(), n.hugepages1Gi(), n.vfsByPhysnet()))
                .toList();
        return new HostInventory(host.id(), host.failureDomain(),
                down ? io.edgefleet.events.report.HostState.DOWN : io.edgefleet.events.report.HostState.READY,
                host.capabilities().stream().sorted().toList(), numa, host.reserved().cores(),
                host.reserved().memoryMib(), host.cpuAllocationRatio(), host.diskGib());
    }
}
