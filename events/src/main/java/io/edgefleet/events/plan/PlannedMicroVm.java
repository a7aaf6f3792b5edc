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
 * @param ipAddress         its management IPv4 address from the site's address plan (ADR 0020); null
 *                          when the site names no network
 * @param macAddress        {@code 02:ef:} and the address's four bytes ({@link Ipv4#macFor}); null
 *                          exactly when {@code ipAddress} is
 * @param imageDigest       the node image by digest, {@code sha256:<64 lower-case hex>}, from the operators'
 *                          image catalogue (ADR 0034); null when placement has no catalogue (the agent then
 *                          boots its configured base image, as before)
 */
public record PlannedMicroVm(
        String microVmId,
        String clusterId,
        MicroVmRole role,
        String hostId,
        int vcpu,
        long memoryMib,
        int diskGib,
        String kubernetesVersion,
        String ipAddress,
        String macAddress,
        String imageDigest) {

    /** A microVM without a management address (a site with no network, or a producer before ADR 0020). */
    public PlannedMicroVm(String microVmId, String clusterId, MicroVmRole role, String hostId, int vcpu, long memoryMib,
                          int diskGib, String kubernetesVersion) {
        this(microVmId, clusterId, role, hostId, vcpu, memoryMib, diskGib, kubernetesVersion, null, null, null);
    }

    /** A microVM without an image digest (a producer before ADR 0034, or placement without an image catalogue). */
    public PlannedMicroVm(String microVmId, String clusterId, MicroVmRole role, String hostId, int vcpu, long memoryMib,
                          int diskGib, String kubernetesVersion, String ipAddress, String macAddress) {
        this(microVmId, clusterId, role, hostId, vcpu, memoryMib, diskGib, kubernetesVersion, ipAddress, macAddress,
                null);
    }

    /** The same microVM booting the node image of {@code digest} (null: none named). */
    public PlannedMicroVm withImageDigest(String digest) {
        return new PlannedMicroVm(microVmId, clusterId, role, hostId, vcpu, memoryMib, diskGib, kubernetesVersion,
                ipAddress, macAddress, digest);
    }
}
