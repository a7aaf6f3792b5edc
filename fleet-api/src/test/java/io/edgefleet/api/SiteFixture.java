package io.edgefleet.api;

import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small site with known numbers. Two hosts, each 2 NUMA nodes × (16 cores, 64 GiB, 8 hugepages,
 * 4 VFs), 2 cores and 8 GiB reserved, CPU ratio 4, 1000 GiB disk. On h1: team a's cluster
 * {@code <site>-a} (2 control planes of 2 vCPU/4 GiB/20 GiB, 1 worker of 4 vCPU/8 GiB/40 GiB), its UPF
 * replica on NUMA 1 (4 pinned cores, 2 hugepages, 2 GiB, 1 VF of physnet-b), and one control plane of
 * team b's cluster {@code <site>-b}, whose bare-metal worker holds all of h2.
 */
public final class SiteFixture {
    private SiteFixture() {
    }

    public static AgentHeartbeat heartbeat(String site) {
        return new AgentHeartbeat(site, "test", Instant.now(), 5, List.of(host(site + "-h1"), host(site + "-h2")));
    }

    private static HostInventory host(String id) {
        return new HostInventory(id, "rack-a", HostState.READY, List.of("microvm"),
                List.of(new NumaInventory(0, 16, 65536, 8, Map.of("physnet-a", 4)),
                        new NumaInventory(1, 16, 65536, 8, Map.of("physnet-b", 4))),
                2, 8192, 4.0, 1000L);
    }

    public static SitePlan plan(String site) {
        String h1 = site + "-h1";
        String a = site + "-a";
        String b = site + "-b";
        return new SitePlan(site, 7, Instant.now(),
                List.of(new PlannedMicroVm(a + "-cp-0", a, MicroVmRole.CONTROL_PLANE, h1, 2, 4096, 20, "1.31.2"),
                        new PlannedMicroVm(a + "-cp-1", a, MicroVmRole.CONTROL_PLANE, h1, 2, 4096, 20, "1.31.2"),
                        new PlannedMicroVm(a + "-w-0", a, MicroVmRole.WORKER, h1, 4, 8192, 40, "1.31.2"),
                        new PlannedMicroVm(b + "-cp-0", b, MicroVmRole.CONTROL_PLANE, h1, 2, 4096, 20, "1.31.2")),
                List.of(new PlannedCluster(a, "team-a", "1.31.2", List.of(a + "-cp-0", a + "-cp-1"), List.of(a + "-w-0"),
                                List.of()),
                        new PlannedCluster(b, "team-b", "1.31.2", List.of(b + "-cp-0"), List.of(), List.of(site + "-h2"))),
                List.of(new PlannedNetworkFunction("upf-" + site, a, NetworkFunctionKind.UPF,
                        List.of(new PlannedNfReplica(0, h1, 1, List.of(16, 17, 18, 19), 2, 2048,
                                Map.of("physnet-b", 1))))));
    }
}
