package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.PodState;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.events.report.NetworkFunctionState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a planned network function's pods are doing, from its cluster's measurement (pure): RUNNING when every
 * planned replica's pod runs; FAILED when a replica's pod failed or its cluster refused it; else DEPLOYING. The
 * reason is Kubernetes' own words for the first replica that does not run, prefixed by its pod's name, so an
 * operator sees which replica waits and why ("upf-1-0: Unschedulable: 0/3 nodes are available: ...").
 */
final class NfReportComposer {
    /** The report schema's limit on the reason. */
    static final int MAX_REASON = 1024;
    static final String RUNNING = "Running";
    static final String FAILED = "Failed";

    private NfReportComposer() {
    }

    /** The report of {@code nf} as measured in {@code cluster}, whose API server answered. */
    static NetworkFunctionReported compose(String siteId, PlannedNetworkFunction nf, ClusterState cluster,
                                           long planVersion, Instant observedAt) {
        List<PlannedNfReplica> replicas = nf.replicas().stream()
                .sorted(Comparator.comparingInt(PlannedNfReplica::index)).toList();
        int running = 0;
        String firstFailure = null;
        String firstWaiting = null;
        for (PlannedNfReplica replica : replicas) {
            String pod = NfPods.podName(nf.nfId(), replica.index());
            Optional<String> refusal = cluster.podRefusal(pod);
            Optional<PodState> state = cluster.pod(pod);
            if (refusal.isPresent()) {
                firstFailure = firstFailure != null ? firstFailure : pod + ": refused: " + refusal.get();
            } else if (state.isEmpty()) {
                firstWaiting = firstWaiting != null ? firstWaiting : pod + ": not created yet";
            } else if (RUNNING.equals(state.get().phase())) {
                running++;
            } else if (FAILED.equals(state.get().phase())) {
                firstFailure = firstFailure != null ? firstFailure : pod + ": " + reasonOf(state.get());
            } else {
                firstWaiting = firstWaiting != null ? firstWaiting : pod + ": " + reasonOf(state.get());
            }
        }
        NetworkFunctionState state = firstFailure != null ? NetworkFunctionState.FAILED
                : running == replicas.size() ? NetworkFunctionState.RUNNING : NetworkFunctionState.DEPLOYING;
        String reason = firstFailure != null ? firstFailure : firstWaiting;
        return new NetworkFunctionReported(siteId, nf.nfId(), nf.clusterId(), state, running, replicas.size(),
                shortened(reason), planVersion, observedAt);
    }

    /** The API server's reason, or the bare phase when it gave none (e.g. Pending before the scheduler looked). */
    private static String reasonOf(PodState pod) {
        return pod.reason().isBlank() ? pod.phase() : pod.reason();
    }

    private static String shortened(String reason) {
        if (reason == null || reason.length() <= MAX_REASON) {
            return reason;
        }
        return reason.substring(0, MAX_REASON - 3) + "...";
    }
}
