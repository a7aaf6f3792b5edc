package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.EtcdState;
import io.edgefleet.agent.cluster.PodState;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.events.report.NetworkFunctionState;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A network function's state and reason from its replicas' pods, replica by replica. */
class NfReportComposerTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String UNSCHEDULABLE = "Unschedulable: 0/3 nodes are available: 3 Insufficient intel.com/sriov_physnet_a.";

    /** upf-1 with replicas 0 and 1 on bm1 and bm2. */
    static PlannedNetworkFunction upf() {
        return new PlannedNetworkFunction("upf-1", "c1", NetworkFunctionKind.UPF, List.of(
                new PlannedNfReplica(1, "bm2", 0, List.of(4, 5), 1, 2048, Map.of("physnet-a", 1)),
                new PlannedNfReplica(0, "bm1", 0, List.of(4, 5), 1, 2048, Map.of("physnet-a", 1))));
    }

    static PodState pod(String name, String phase, String reason) {
        return new PodState(name, "upf-1", "hash", phase, reason);
    }

    static ClusterState cluster(List<PodState> pods, Map<String, String> refusals) {
        return new ClusterState("c1", "https://c1:6443", true, "", List.of(), pods, true, EtcdState.NOT_MEASURED,
                Set.of(), List.of(), refusals);
    }

    static NetworkFunctionReported compose(PodState... pods) {
        return NfReportComposer.compose("site-t", upf(), cluster(List.of(pods), Map.of()), 7, NOW);
    }

    @Test
    void runningWhenEveryPlannedReplicaRuns() {
        NetworkFunctionReported report = compose(pod("upf-1-0", "Running", ""), pod("upf-1-1", "Running", ""));
        assertEquals(NetworkFunctionState.RUNNING, report.state());
        assertEquals(2, report.runningReplicas());
        assertEquals(2, report.replicas());
        assertNull(report.reason());
        assertEquals("c1", report.clusterId());
        assertEquals(7, report.planVersion());
    }

    @Test
    void deployingWithTheSchedulersWordsForTheFirstReplicaThatWaits() {
        NetworkFunctionReported report = compose(pod("upf-1-1", "Pending", UNSCHEDULABLE), pod("upf-1-0", "Running", ""));
        assertEquals(NetworkFunctionState.DEPLOYING, report.state());
        assertEquals(1, report.runningReplicas());
        assertEquals("upf-1-1: " + UNSCHEDULABLE, report.reason());
    }

    @Test
    void aReplicaWithoutPodIsNotCreatedYetAndTheLowestIndexComesFirst() {
        NetworkFunctionReported report = compose(pod("upf-1-1", "Pending", "ContainerCreating"));
        assertEquals(NetworkFunctionState.DEPLOYING, report.state());
        assertEquals(0, report.runningReplicas());
        assertEquals("upf-1-0: not created yet", report.reason());
    }

    @Test
    void aPendingPodWithoutReasonShowsItsPhase() {
        assertEquals("upf-1-0: Pending", compose(pod("upf-1-0", "Pending", ""), pod("upf-1-1", "Running", "")).reason());
    }

    @Test
    void aFailedPodFailsTheNetworkFunctionEvenIfAnotherReplicaWaits() {
        NetworkFunctionReported report = compose(pod("upf-1-0", "Pending", UNSCHEDULABLE),
                pod("upf-1-1", "Failed", "OutOfcpu: Pod Node didn't have enough resource: cpu"));
        assertEquals(NetworkFunctionState.FAILED, report.state());
        assertEquals("upf-1-1: OutOfcpu: Pod Node didn't have enough resource: cpu", report.reason());
    }

    @Test
    void aPodTheClusterRefusedFailsTheNetworkFunctionWithTheRefusal() {
        NetworkFunctionReported report = NfReportComposer.compose("site-t", upf(), cluster(
                List.of(pod("upf-1-1", "Running", "")),
                Map.of("upf-1-0", "namespaces \"edgefleet-nf-team-a\" not found")), 7, NOW);
        assertEquals(NetworkFunctionState.FAILED, report.state());
        assertEquals(1, report.runningReplicas());
        assertEquals("upf-1-0: refused: namespaces \"edgefleet-nf-team-a\" not found", report.reason());
    }

    @Test
    void podsOfOtherReplicasDoNotCount() {
        NetworkFunctionReported report = compose(pod("upf-1-0", "Running", ""), pod("upf-1-2", "Running", ""));
        assertEquals(NetworkFunctionState.DEPLOYING, report.state());
        assertEquals(1, report.runningReplicas());
        assertEquals("upf-1-1: not created yet", report.reason());
    }

    @Test
    void aLongReasonIsCutToTheSchemasLimit() {
        NetworkFunctionReported report = compose(pod("upf-1-0", "Pending", "x".repeat(5000)), pod("upf-1-1", "Running", ""));
        assertEquals(NfReportComposer.MAX_REASON, report.reason().length());
        assertTrue(report.reason().startsWith("upf-1-0: xxx") && report.reason().endsWith("..."), report.reason());
    }
}
