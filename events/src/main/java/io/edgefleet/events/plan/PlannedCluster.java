package io.edgefleet.events.plan;

import java.util.List;

/**
 * One cluster the site should run, and which nodes make it up.
 *
 * @param clusterId              the cluster
 * @param team                   owning team
 * @param kubernetesVersion      Kubernetes version
 * @param controlPlaneMicroVmIds control-plane microVMs (see {@link SitePlan#microVms()})
 * @param workerMicroVmIds       microVM workers, empty for bare-metal workers
 * @param workerHostIds          bare-metal worker hosts, empty for microVM workers
 * @param controlPlaneEndpoint   the cluster's API virtual IP from the site's address plan (held by kube-vip on
 *                               one control-plane node); null when the site names no network
 * @param initMicroVmId          the control-plane microVM that runs {@code kubeadm init}: chosen once when the
 *                               cluster is created and kept for its life; every other control-plane microVM,
 *                               including a replacement of this one, joins ({@code kubeadm join --control-plane})
 */
public record PlannedCluster(
        String clusterId,
        String team,
        String kubernetesVersion,
        List<String> controlPlaneMicroVmIds,
        List<String> workerMicroVmIds,
        List<String> workerHostIds,
        String controlPlaneEndpoint,
        String initMicroVmId) {

    /** A cluster without an endpoint or init replica (a producer before they were planned). */
    public PlannedCluster(String clusterId, String team, String kubernetesVersion, List<String> controlPlaneMicroVmIds,
                          List<String> workerMicroVmIds, List<String> workerHostIds) {
        this(clusterId, team, kubernetesVersion, controlPlaneMicroVmIds, workerMicroVmIds, workerHostIds, null, null);
    }

    public PlannedCluster {
        controlPlaneMicroVmIds = controlPlaneMicroVmIds == null ? List.of() : List.copyOf(controlPlaneMicroVmIds);
        workerMicroVmIds = workerMicroVmIds == null ? List.of() : List.copyOf(workerMicroVmIds);
        workerHostIds = workerHostIds == null ? List.of() : List.copyOf(workerHostIds);
    }
}
