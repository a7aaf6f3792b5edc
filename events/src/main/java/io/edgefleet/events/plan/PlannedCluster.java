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
 */
public record PlannedCluster(
        String clusterId,
        String team,
        String kubernetesVersion,
        List<String> controlPlaneMicroVmIds,
        List<String> workerMicroVmIds,
        List<String> workerHostIds) {

    public PlannedCluster {
        controlPlaneMicroVmIds = controlPlaneMicroVmIds == null ? List.of() : List.copyOf(controlPlaneMicroVmIds);
        workerMicroVmIds = workerMicroVmIds == null ? List.of() : List.copyOf(workerMicroVmIds);
        workerHostIds = workerHostIds == null ? List.of() : List.copyOf(workerHostIds);
    }
}
