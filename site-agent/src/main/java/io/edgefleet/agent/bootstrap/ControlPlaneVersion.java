package io.edgefleet.agent.bootstrap;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes version a cluster's {@code ClusterConfiguration} must name while its control plane rolls
 * to another version (ADR 0030). A control-plane replica joins with {@code kubeadm join --control-plane},
 * which deploys the API server, controller manager and scheduler of the version in the cluster's
 * {@code kubeadm-config} ConfigMap, not of its own image; a newcomer at 1.32 joining a cluster whose
 * configuration says 1.31 would run a 1.32 kubelet beside a 1.31 API server, which the version skew policy
 * forbids. So while the planned control-plane microVMs do not all run the cluster's version, the
 * configuration names the newest of them, as {@code kubeadm upgrade apply} would have written it.
 */
public final class ControlPlaneVersion {
    private ControlPlaneVersion() {
    }

    /**
     * The version, in kubeadm's form ({@code v1.32.1}, or {@code stable-1.32}), the cluster's configuration
     * must name now; empty while every planned control-plane microVM runs the cluster's version (nothing
     * rolls: the agent leaves the configuration as kubeadm wrote it) or a version cannot be read.
     */
    public static Optional<String> during(SitePlan plan, PlannedCluster cluster) {
        List<PlannedMicroVm> cps = plan.microVms().stream()
                .filter(vm -> cluster.controlPlaneMicroVmIds().contains(vm.microVmId()) && vm.kubernetesVersion() != null)
                .toList();
        if (cps.stream().allMatch(vm -> vm.kubernetesVersion().equals(cluster.kubernetesVersion()))) {
            return Optional.empty();
        }
        try {
            return cps.stream().map(vm -> KubeadmVersion.parse(vm.kubernetesVersion()))
                    .max(Comparator.comparingInt(KubeadmVersion::minor).thenComparingInt(ControlPlaneVersion::patch))
                    .map(KubeadmVersion::forKubeadm);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the bootstrap of that microVM says why; nothing to align meanwhile
        }
    }

    /** A version without a patch follows its minor's newest one: it ranks above every patch of that minor. */
    private static int patch(KubeadmVersion v) {
        if (v.patchAndSuffix() == null) {
            return Integer.MAX_VALUE;
        }
        String digits = v.patchAndSuffix().substring(1).split("-", 2)[0];
        return Integer.parseInt(digits);
    }
}
