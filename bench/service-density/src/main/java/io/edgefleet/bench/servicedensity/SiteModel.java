package io.edgefleet.bench.servicedensity;

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
 * The bench's edge site: {@code hosts} servers of one model in three racks. Each host: 2 NUMA nodes
 * of 32 cores and 240 GiB of ordinary memory (256 GiB less its 16 one-GiB hugepages), 8 VFs on
 * physnet-a per node, 2 cores and 8 GiB reserved, CPU ratio 2, 2 TB of disk.
 */
final class SiteModel {
    private SiteModel() {
    }

    static Site site(String id, int hosts) {
        List<Host> list = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            List<NumaNode> numa = List.of(new NumaNode(0, 32, 245_760, 16, Map.of("physnet-a", 8)),
                    new NumaNode(1, 32, 245_760, 16, Map.of("physnet-a", 8)));
            list.add(new Host(id + "-h" + i, "rack-" + (i % 3), HostState.READY,
                    Set.of(Host.MICROVM, Host.sriov("physnet-a")), numa, new SystemReserve(2, 8_192), 2.0, 2_000));
        }
        return new Site(id, list);
    }
}
