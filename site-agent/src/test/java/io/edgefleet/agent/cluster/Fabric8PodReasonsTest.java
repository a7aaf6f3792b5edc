package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.reconcile.Plans;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent measures of a network-function pod that does not run, through fabric8 against the mock API
 * server whose pod status the test sets as the scheduler and kubelet would: their words end up in the pod's
 * reason, and a pod the API server refuses is remembered with the API server's message.
 */
class Fabric8PodReasonsTest {
    static final String NO_VFS = "0/3 nodes are available: 3 Insufficient intel.com/sriov_physnet_a. preemption: "
            + "0/3 nodes are available: 3 No preemption victims found for incoming pod.";

    AdmittingApiServer server;
    KubernetesClient client;
    final NfPods nfPods = new NfPods("edgefleet-nf", "registry/nf/{kind}:1", "intel.com");
    final PlannedCluster cluster = Plans.cluster("c1", Plans.controlPlane("c1", 3), List.of("bm1"));
    final PlannedNetworkFunction upf = Plans.upf("upf-1", "c1");
    Fabric8ClusterAccess access;

    @BeforeEach
    void startServer() {
        server = AdmittingApiServer.start();
        client = server.client();
        access = server.access();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    NfPod placed() {
        NfPod pod = AdmittingApiServer.withPrerequisites(access, nfPods, cluster, upf);
        access.applyPod(cluster, pod);
        return pod;
    }

    /** Sets the pod's status in the API server, as the scheduler or kubelet does. */
    PodState measuredWith(NfPod pod, PodStatus status) {
        Pod stored = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
        stored.setStatus(status);
        client.pods().inNamespace(pod.namespace()).resource(stored).updateStatus();
        return access.observe(cluster).pod(pod.name()).orElseThrow();
    }

    static PodCondition condition(String type, String status, String reason, String message) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .build();
    }

    static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0).withNewState()
                .withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    @Test
    void theSchedulersMessageIsThePendingPodsReason() {
        PodState pod = measuredWith(placed(), new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", "False", "Unschedulable", NO_VFS)).build());
        assertEquals("Pending", pod.phase());
        assertEquals("Unschedulable: " + NO_VFS, pod.reason());
    }

    @Test
    void aContainerWaitingReasonComesBeforeTheLessSpecificConditions() {
        PodState pod = measuredWith(placed(), new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", "True", null, null),
                        condition("Ready", "False", "ContainersNotReady", "containers with unready status: [upf]"))
                .withContainerStatuses(waiting("upf", "ErrImagePull",
                        "rpc error: code = NotFound desc = failed to pull image \"registry/nf/upf:1\": not found"))
                .build());
        assertEquals("upf: ErrImagePull: rpc error: code = NotFound desc = failed to pull image "
                + "\"registry/nf/upf:1\": not found", pod.reason());
    }

    @Test
    void aCrashingContainerIsInCrashLoopBackOff() {
        PodState pod = measuredWith(placed(), new PodStatusBuilder().withPhase("Running")
                .withContainerStatuses(waiting("upf", "CrashLoopBackOff",
                        "back-off 40s restarting failed container=upf pod=upf-1-0_edgefleet-nf-team-a")).build());
        assertEquals("upf: CrashLoopBackOff: back-off 40s restarting failed container=upf "
                + "pod=upf-1-0_edgefleet-nf-team-a", pod.reason());
    }

    @Test
    void aFailedPodGivesTheKubeletsReason() {
        PodState pod = measuredWith(placed(), new PodStatusBuilder().withPhase("Failed").withReason("OutOfcpu")
                .withMessage("Pod Node didn't have enough resource: cpu, requested: 4000, used: 14000, capacity: 16000")
                .build());
        assertEquals("Failed", pod.phase());
        assertEquals("OutOfcpu: Pod Node didn't have enough resource: cpu, requested: 4000, used: 14000, "
                + "capacity: 16000", pod.reason());
    }

    @Test
    void aRunningReadyPodHasNoReason() {
        PodState pod = measuredWith(placed(), new PodStatusBuilder().withPhase("Running")
                .withConditions(condition("PodScheduled", "True", null, null), condition("Ready", "True", null, null))
                .withContainerStatuses(new ContainerStatusBuilder().withName("upf").withReady(true).withNewState()
                        .withNewRunning().endRunning().endState().build()).build());
        assertEquals("Running", pod.phase());
        assertEquals("", pod.reason());
    }

    @Test
    void aTerminatedContainerGivesItsReasonAndExitCode() {
        ContainerStatus oom = new ContainerStatusBuilder().withName("upf").withReady(false).withNewState()
                .withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endState().build();
        PodState pod = measuredWith(placed(), new PodStatusBuilder().withPhase("Running").withContainerStatuses(oom)
                .build());
        assertEquals("upf: OOMKilled (exit code 137)", pod.reason());
    }

    @Test
    void aPodTheApiServerRefusesIsRememberedWithItsMessageUntilItIsCreated() {
        NfPod pod = nfPods.of(cluster, upf).get(0);
        assertThrows(KubernetesClientException.class, () -> access.applyPod(cluster, pod));
        ClusterState refused = access.observe(cluster);
        assertTrue(refused.pod(pod.name()).isEmpty());
        assertEquals(Optional.of("namespaces \"" + pod.namespace() + "\" not found"), refused.podRefusal(pod.name()));

        placed();
        assertEquals(Optional.empty(), access.observe(cluster).podRefusal(pod.name()), "created since");
    }
}
