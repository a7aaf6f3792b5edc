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
 * @param nfHostIds              hosts that are nodes of this cluster because they run its network functions
 *                               and are not its bare-metal workers: their kubelet joins this cluster and no
 *                               other, beside the control-plane microVMs of any cluster they host (ADR 0026)
 */
public record PlannedCluster(
        String clusterId,
        String team,
        String kubernetesVersion,
        List<String> controlPlaneMicroVmIds,
        List<String> workerMicroVmIds,
        List<String> workerHostIds,
        String controlPlaneEndpoint,
        String initMicroVmId,
        List<String> nfHostIds) {

    /** A cluster without an endpoint or init replica (a producer before they were planned). */
    public PlannedCluster(String clusterId, String team, String kubernetesVersion, List<String> controlPlaneMicroVmIds,
                          List<String> workerMicroVmIds, List<String> workerHostIds) {
        this(clusterId, team, kubernetesVersion, controlPlaneMicroVmIds, workerMicroVmIds, workerHostIds, null, null);
    }

    /** A cluster whose network functions run on its bare-metal workers only (or a producer before ADR 0026). */
    public PlannedCluster(String clusterId, String team, String kubernetesVersion, List<String> controlPlaneMicroVmIds,
                          List<String> workerMicroVmIds, List<String> workerHostIds, String controlPlaneEndpoint,
                          String initMicroVmId) {
        this(clusterId, team, kubernetesVersion, controlPlaneMicroVmIds, workerMicroVmIds, workerHostIds,
                controlPlaneEndpoint, initMicroVmId, List.of());
    }

    public PlannedCluster {
        controlPlaneMicroVmIds = controlPlaneMicroVmIds == null ? List.of() : List.copyOf(controlPlaneMicroVmIds);
        workerMicroVmIds = workerMicroVmIds == null ? List.of() : List.copyOf(workerMicroVmIds);
        workerHostIds = workerHostIds == null ? List.of() : List.copyOf(workerHostIds);
        nfHostIds = nfHostIds == null ? List.of() : List.copyOf(nfHostIds);
    }
}
