package io.edgefleet.events.request;

/**
 * Control plane of a requested cluster: always microVMs, {@code replicas} of them, each of this size.
 *
 * @param replicas  1, 3 or 5 (an etcd quorum)
 * @param vcpu      shared vCPUs per replica
 * @param memoryMib memory per replica, MiB
 * @param diskGib   root disk per replica, GiB
 */
public record ControlPlane(int replicas, int vcpu, long memoryMib, int diskGib) {
}
