package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.report.Reporter;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns measurements into reports: a microVM report whenever a measured state differs from the
 * last one reported, and a cluster report when its control plane is measured up. After a
 * restart everything is reported once more, which placement takes as a no-op.
 */
final class StateReports {
    private final String siteId;
    private final Reporter reporter;
    private final Map<String, MicroVmState> lastReported = new HashMap<>();
    private final Set<String> clustersReported = new HashSet<>();

    StateReports(String siteId, Reporter reporter) {
        this.siteId = siteId;
        this.reporter = reporter;
    }

    void publish(SitePlan plan, List<MicroVmStatus> measured) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, MicroVmStatus> byId = measured.stream()
                .collect(Collectors.toMap(MicroVmStatus::microVmId, Function.identity(), (a, b) -> a));
        Map<String, String> clusterOf = new HashMap<>();
        plan.microVms().forEach(vm -> clusterOf.put(vm.microVmId(), vm.clusterId()));
        for (MicroVmStatus vm : measured) {
            if (vm.state() == MicroVmState.UNKNOWN) {
                continue; // could not be measured: report nothing rather than a guess
            }
            if (lastReported.put(vm.microVmId(), vm.state()) != vm.state()) {
                reporter.report(new MicroVmStateChanged(siteId, vm.hostId(), vm.microVmId(),
                        clusterOf.get(vm.microVmId()), wire(vm.state()), vm.reason(), plan.version(), now));
            }
        }
        for (String gone : new HashSet<>(lastReported.keySet())) {
            if (!byId.containsKey(gone)) {
                lastReported.remove(gone);
                reporter.report(new MicroVmStateChanged(siteId, null, gone, clusterOf.get(gone),
                        io.edgefleet.events.report.MicroVmState.DELETED, null, plan.version(), now));
            }
        }
        for (PlannedCluster cluster : plan.clusters()) {
            reportCluster(plan, cluster, byId, now);
        }
    }

    private void reportCluster(SitePlan plan, PlannedCluster cluster, Map<String, MicroVmStatus> byId, Instant now) {
        if (clustersReported.contains(cluster.clusterId()) || cluster.controlPlaneMicroVmIds().isEmpty()) {
            return;
        }
        List<MicroVmStatus> cps = cluster.controlPlaneMicroVmIds().stream().map(byId::get).toList();
        if (cps.stream().anyMatch(s -> s != null && s.state() == MicroVmState.FAILED)) {
            MicroVmStatus failed = cps.stream().filter(s -> s != null && s.state() == MicroVmState.FAILED)
                    .findFirst().orElseThrow();
            clustersReported.add(cluster.clusterId());
            reporter.report(new ClusterBootstrapReported(siteId, cluster.clusterId(), BootstrapState.FAILED, null, 0,
                    "control-plane microVM " + failed.microVmId() + " failed on " + failed.hostId() + ": "
                            + failed.reason(), plan.version(), now));
            return;
        }
        if (cps.stream().allMatch(s -> s != null && s.state() == MicroVmState.RUNNING)) {
            clustersReported.add(cluster.clusterId());
            reporter.report(new ClusterBootstrapReported(siteId, cluster.clusterId(), BootstrapState.READY, null,
                    cps.size(), null, plan.version(), now));
        }
    }

    private static io.edgefleet.events.report.MicroVmState wire(MicroVmState state) {
        return io.edgefleet.events.report.MicroVmState.valueOf(state.name());
    }
}
