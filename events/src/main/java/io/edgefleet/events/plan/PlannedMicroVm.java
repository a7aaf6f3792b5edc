package io.edgefleet.events.plan;

/**
 * One microVM the site should run.
 *
 * @param microVmId         stable id; the agent matches running microVMs by it
 * @param clusterId         the cluster it belongs to
 * @param role              control plane or worker
 * @param hostId            the host it runs on
 * @param vcpu              shared vCPUs
 * @param memoryMib         memory, MiB
 * @param diskGib           root disk, GiB
 * @param kubernetesVersion the node image's Kubernetes version
 */
public record PlannedMicroVm(
        String microVmId,
        String clusterId,
        MicroVmRole role,
        String hostId,
        int vcpu,
        long memoryMib,
        int diskGib,
        String kubernetesVersion) {
}
