package io.edgefleet.events.request;

/**
 * Control plane of a requested cluster: always microVMs, {@code replicas} of them, each of this size.
 *
 * @param replicas  1, 3, 5 or 7 (odd, so that etcd keeps a quorum)
 * @param vcpu      shared vCPUs per replica
 * @param memoryMib memory per replica, MiB
 * @param diskGib   root disk per replica, GiB
 */
public record ControlPlane(int replicas, int vcpu, long memoryMib, int diskGib) {
}
