package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.EtcdState;
import io.edgefleet.agent.cluster.NodeState;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.report.ReportSink;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.report.NetworkFunctionReported;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns measurements into reports, on every change only: a microVM report whenever its measured
 * state (or failure reason) differs from the last one reported, and a cluster report whenever its
 * measured bootstrap state or number of Ready nodes changes, and a network-function report whenever its
 * state, running replicas or reason changes ({@link NfReportComposer}). A cluster is READY only when all its
 * control-plane microVMs run, its API server answers and its control-plane nodes are Ready. After
 * a restart, and every refresh, everything is reported once more, which placement takes as a no-op.
 *
 * <p>A host's agent measures only its own host's microVMs, so for the clusters (which it reports
 * only while it runs the site-level steps, with their network functions) it goes by the API server and its control-plane nodes,
 * and by the failures of the control-plane microVMs it can see.
 */
final class StateReports {
    private final String siteId;
    private final ReportSink sink;
    private final boolean seesWholeSite;
    private final Map<String, String> lastVm = new HashMap<>();
    private final Map<String, String> lastVmCluster = new HashMap<>();
    /** The host each reported microVM was last measured on: a DELETED report names it (the schema requires it). */
    private final Map<String, String> lastVmHost = new HashMap<>();
    private final Map<String, String> lastCluster = new HashMap<>();
    private final Map<String, String> lastNf = new HashMap<>();

    /** @param seesWholeSite whether {@code measured} holds every host's microVMs (false: a host's agent) */
    StateReports(String siteId, ReportSink sink, boolean seesWholeSite) {
        this.siteId = siteId;
        this.sink = sink;
        this.seesWholeSite = seesWholeSite;
    }

    /**
     * Reports changes; with {@code refresh}, reports every measured state again even if unchanged, so a
     * report lost on the way (or a placement that forgot) is corrected without waiting for a change.
     * Clusters are reported only with {@code reportClusters}; without it, the next time with it
     * reports every cluster afresh (another agent may have reported them meanwhile).
     */
    void publish(SitePlan plan, List<MicroVmStatus> measured, Map<String, ClusterState> clusters, boolean refresh,
                 boolean reportClusters) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, MicroVmStatus> byId = measured.stream()
                .collect(Collectors.toMap(MicroVmStatus::microVmId, Function.identity(), (a, b) -> a));
        Map<String, String> clusterOf = new HashMap<>();
        plan.microVms().forEach(vm -> clusterOf.put(vm.microVmId(), vm.clusterId()));
        for (MicroVmStatus vm : measured) {
            if (vm.state() == MicroVmState.UNKNOWN && !lastVm.containsKey(vm.microVmId())) {
                continue; // never measured yet: report nothing rather than a guess
            }
            lastVmHost.put(vm.microVmId(), vm.hostId());
            String key = vm.state() + "|" + vm.reason();
            if (!key.equals(lastVm.put(vm.microVmId(), key)) || refresh) {
                String cluster = clusterOf.getOrDefault(vm.microVmId(), lastVmCluster.get(vm.microVmId()));
                lastVmCluster.put(vm.microVmId(), cluster);
                sink.report(new MicroVmStateChanged(siteId, vm.hostId(), vm.microVmId(), cluster, wire(vm.state()),
                        vm.reason().isEmpty() ? null : vm.reason(), plan.version(), now));
            }
        }
        for (String gone : new HashSet<>(lastVm.keySet())) {
            if (!byId.containsKey(gone)) {
                lastVm.remove(gone);
                String cluster = lastVmCluster.remove(gone);
                String host = lastVmHost.remove(gone);
                sink.report(new MicroVmStateChanged(siteId, host, gone, cluster,
                        io.edgefleet.events.report.MicroVmState.DELETED, null, plan.version(), now));
            }
        }
        if (!reportClusters) {
            lastCluster.clear();
            lastNf.clear();
            return;
        }
        Set<String> planned = new HashSet<>();
        for (PlannedCluster cluster : plan.clusters()) {
            planned.add(cluster.clusterId());
            ClusterBootstrapReported report = cluster(plan, cluster, byId, clusters.get(cluster.clusterId()), now);
            if (report == null) {
                continue;
            }
            String key = report.state() + "|" + report.readyNodes() + "|" + report.reason();
            if (!key.equals(lastCluster.put(cluster.clusterId(), key)) || refresh) {
                sink.report(report);
            }
        }
        lastCluster.keySet().retainAll(planned);
        publishNetworkFunctions(plan, clusters, refresh, now);
    }

    /** Each planned network function of a cluster whose API server answered (before that, nothing is known). */
    private void publishNetworkFunctions(SitePlan plan, Map<String, ClusterState> clusters, boolean refresh,
                                         Instant now) {
        Set<String> planned = new HashSet<>();
        for (PlannedNetworkFunction nf : plan.networkFunctions()) {
            planned.add(nf.nfId());
            ClusterState state = clusters.get(nf.clusterId());
            if (state == null || !state.apiServerUp()) {
                continue;
            }
            NetworkFunctionReported report = NfReportComposer.compose(siteId, nf, state, plan.version(), now);
            String key = report.state() + "|" + report.runningReplicas() + "/" + report.replicas() + "|"
                    + report.reason();
            if (!key.equals(lastNf.put(nf.nfId(), key)) || refresh) {
                sink.report(report);
            }
        }
        lastNf.keySet().retainAll(planned);
    }

    /** The measured bootstrap state of a cluster, or null while none of its control plane exists. */
    private ClusterBootstrapReported cluster(SitePlan plan, PlannedCluster cluster, Map<String, MicroVmStatus> byId,
                                             ClusterState state, Instant now) {
        List<MicroVmStatus> cps = cluster.controlPlaneMicroVmIds().stream().map(byId::get)
                .filter(Objects::nonNull).toList();
        if (seesWholeSite ? cps.isEmpty() : state == null) {
            return null;
        }
        String endpoint = state == null ? null : state.apiServerEndpoint();
        MicroVmStatus failed = cps.stream().filter(s -> s.state() == MicroVmState.FAILED).findFirst().orElse(null);
        if (failed != null) {
            return new ClusterBootstrapReported(siteId, cluster.clusterId(), BootstrapState.FAILED, endpoint, 0,
                    "control-plane microVM " + failed.microVmId() + " failed on " + failed.hostId() + ": "
                            + failed.reason(), plan.version(), now);
        }
        long running = cps.stream().filter(s -> s.state() == MicroVmState.RUNNING).count();
        int total = cluster.controlPlaneMicroVmIds().size();
        if (seesWholeSite && running < total) {
            return bootstrapping(plan, cluster, endpoint, 0, running + " of " + total
                    + " control-plane microVMs run", now);
        }
        if (state == null || !state.apiServerUp()) {
            return bootstrapping(plan, cluster, endpoint, 0, state == null ? "API server not measured yet"
                    : state.reason(), now);
        }
        int ready = (int) state.nodes().stream().filter(NodeState::ready).count();
        long cpReady = cluster.controlPlaneMicroVmIds().stream()
                .filter(id -> state.node(id).map(NodeState::ready).orElse(false)).count();
        if (cpReady < total) {
            return bootstrapping(plan, cluster, endpoint, ready, cpReady + " of " + total
                    + " control-plane nodes are Ready", now);
        }
        EtcdState etcd = state.etcd();
        if (etcd.measured() && !etcd.matches(cluster.controlPlaneMicroVmIds())) {
            return bootstrapping(plan, cluster, endpoint, ready, etcd.problem() != null ? "etcd: " + etcd.problem()
                    : "etcd has " + etcd.voters().size() + " voting members of " + total + " planned"
                    + (etcd.learners().isEmpty() ? "" : " and " + etcd.learners().size() + " learners"), now);
        }
        return new ClusterBootstrapReported(siteId, cluster.clusterId(), BootstrapState.READY, endpoint, ready, null,
                plan.version(), now);
    }

    private ClusterBootstrapReported bootstrapping(SitePlan plan, PlannedCluster cluster, String endpoint, int ready,
                                                   String reason, Instant now) {
        return new ClusterBootstrapReported(siteId, cluster.clusterId(), BootstrapState.BOOTSTRAPPING, endpoint, ready,
                reason, plan.version(), now);
    }

    private static io.edgefleet.events.report.MicroVmState wire(MicroVmState state) {
        return io.edgefleet.events.report.MicroVmState.valueOf(state.name());
    }
}
