package io.edgefleet.api.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's "hosts saved by mixed mode" tile against placement's fleet_baremetal_hosts_saved on
 * a fleet of 12 hosts: two sites of 6, clusters of 3 control planes on distinct hosts and 3 microVM
 * workers each. The metric counts, per site, the control-plane allocations less the distinct hosts
 * they are on, summed; the tile must show that number, not one that also counts every worker.
 */
class MixedModeSavingsTest {
    /** One allocation row as placement's gauge reads it (site, host, kind). */
    record AllocationRow(String siteId, String hostId, String kind) {
    }

    private final FleetView view = new FleetView();
    private final FleetQueries queries = new FleetQueries();
    private final List<AllocationRow> allocations = new ArrayList<>();

    MixedModeSavingsTest() {
        queries.view = view;
        // site a: 4 clusters, control planes on h1-h3 (two clusters) and h4-h6 (two), workers across all six
        site("a", 4);
        // site b: 2 clusters, both with their control planes on h1-h3 and their workers on h4-h6
        site("b", 2);
    }

    private void site(String site, int clusters) {
        List<HostInventory> hosts = IntStream.rangeClosed(1, 6).mapToObj(i -> new HostInventory(site + "-h" + i,
                "rack-" + i, HostState.READY, List.of("microvm"), List.of(new NumaInventory(0, 32, 262144, 0, Map.of())),
                2, 8192, 4.0, 1000L)).toList();
        view.apply(new AgentHeartbeat(site, "test", Instant.now(), 5, hosts));
        List<PlannedMicroVm> vms = new ArrayList<>();
        List<PlannedCluster> planned = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            String cluster = site + "-c" + c;
            int cpBase = clusters == 4 ? (c < 2 ? 1 : 4) : 1;
            int workerBase = clusters == 4 ? (c < 2 ? 4 : 1) : 4;
            List<String> cps = new ArrayList<>();
            List<String> workers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                String host = site + "-h" + (cpBase + r);
                vms.add(new PlannedMicroVm(cluster + "-cp-" + r, cluster, MicroVmRole.CONTROL_PLANE, host, 2, 4096, 20,
                        "1.31.2"));
                allocations.add(new AllocationRow(site, host, "CONTROL_PLANE"));
                cps.add(cluster + "-cp-" + r);
                String workerHost = site + "-h" + (workerBase + r);
                vms.add(new PlannedMicroVm(cluster + "-w-" + r, cluster, MicroVmRole.WORKER, workerHost, 4, 8192, 40,
                        "1.31.2"));
                allocations.add(new AllocationRow(site, workerHost, "WORKER_VM"));
                workers.add(cluster + "-w-" + r);
            }
            planned.add(new PlannedCluster(cluster, "team-a", "1.31.2", cps, workers, List.of()));
        }
        view.apply(new SitePlan(site, 3, Instant.now(), vms, planned, List.of()));
    }

    /**
     * Placement's gauge, as its query computes it: per site, control-plane allocations less the
     * distinct hosts they are on, summed over the fleet.
     */
    private long metric() {
        return allocations.stream().filter(a -> a.kind().equals("CONTROL_PLANE"))
                .collect(Collectors.groupingBy(AllocationRow::siteId)).values().stream()
                .mapToLong(rows -> rows.size() - rows.stream().map(AllocationRow::hostId).distinct().count()).sum();
    }

    @Test
    void theTileShowsWhatTheMetricSays() {
        FleetSummary summary = queries.snapshot(team -> true).summary();
        assertEquals(12, summary.hosts());
        // site a: 12 control planes on 6 hosts saves 6; site b: 6 on 3 saves 3
        assertEquals(9, metric());
        assertEquals(metric(), summary.mixedMode().hostsSaved(), "the dashboard tile and fleet_baremetal_hosts_saved");
        assertEquals(new MixedMode(18, 18, 12, 9, 18, 9), summary.mixedMode());
    }

    @Test
    void aTeamSeesTheFleetsSavingsAsTheMetricDoes() {
        // the metric is fleet-wide; the tile does not shrink to the caller's clusters
        assertEquals(metric(), queries.summary("team-z"::equals).mixedMode().hostsSaved());
    }
}
