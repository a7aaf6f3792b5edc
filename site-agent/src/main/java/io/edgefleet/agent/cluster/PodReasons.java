package io.edgefleet.agent.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' own words for why a pod does not run, from its status (pure), most telling first:
 * <ol>
 *   <li>the pod's {@code status.reason}/{@code message}, which the kubelet sets when it fails or evicts the pod
 *       ({@code OutOfcpu}, {@code Evicted}, ...);</li>
 *   <li>the scheduler's {@code PodScheduled} condition with reason {@code Unschedulable}, whose message says why
 *       no node fits ("0/3 nodes are available: 3 Insufficient intel.com/sriov_physnet_a.");</li>
 *   <li>a container's waiting reason ({@code ErrImagePull}, {@code ImagePullBackOff}, {@code CrashLoopBackOff},
 *       {@code CreateContainerConfigError}), init containers first since they run first;</li>
 *   <li>a terminated container's reason ({@code Error}, {@code OOMKilled}) with its exit code;</li>
 *   <li>any other condition that is False (e.g. {@code ContainersNotReady}), the least specific.</li>
 * </ol>
 * A running pod whose containers are all ready has no reason ({@code ""}).
 */
final class PodReasons {
    private PodReasons() {
    }

    static String of(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return "";
        }
        if (present(status.getReason())) {
            return words(status.getReason(), status.getMessage());
        }
        List<PodCondition> conditions = Optional.ofNullable(status.getConditions()).orElse(List.of());
        Optional<String> unschedulable = conditions.stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> words(present(c.getReason()) ? c.getReason() : "Unschedulable", c.getMessage())).findFirst();
        if (unschedulable.isPresent()) {
            return unschedulable.get();
        }
        List<ContainerStatus> containers = new ArrayList<>();
        containers.addAll(Optional.ofNullable(status.getInitContainerStatuses()).orElse(List.of()));
        containers.addAll(Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()));
        for (ContainerStatus c : containers) {
            ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null && present(waiting.getReason())) {
                return c.getName() + ": " + words(waiting.getReason(), waiting.getMessage());
            }
        }
        for (ContainerStatus c : containers) {
            ContainerStateTerminated ended = c.getState() == null ? null : c.getState().getTerminated();
            if (ended != null && present(ended.getReason()) && !"Completed".equals(ended.getReason())) {
                return c.getName() + ": " + words(ended.getReason() + " (exit code " + ended.getExitCode() + ")",
                        ended.getMessage());
            }
        }
        return conditions.stream()
                .filter(c -> "False".equals(c.getStatus()) && present(c.getReason()))
                .map(c -> words(c.getReason(), c.getMessage())).findFirst().orElse("");
    }

    /** "Reason: message", or the reason alone when there is no message. */
    private static String words(String reason, String message) {
        return present(message) ? reason + ": " + message.strip() : reason;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
