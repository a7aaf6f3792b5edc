package io.edgefleet.placement.engine.model;

import java.util.Objects;

/**
 * Who holds what on which host: the unit the placement service persists (one plain row) and
 * gives back to rebuild a {@code SiteState}.
 *
 * @param holderId  unique per site, e.g. {@code c1/cp-0}, {@code c1/w-2}, {@code upf-1/r-0}
 * @param kind      what kind of holder
 * @param ownerId   the cluster id (control plane, workers) or network-function id
 * @param team      owning team, for quotas
 * @param hostId    the host
 * @param numaNode  NUMA node index, or {@link #ANY_NUMA} when not NUMA-bound (microVMs,
 *                  bare-metal workers)
 * @param resources what is held; {@link Resources#ZERO} for a bare-metal worker, which holds
 *                  the whole host by its kind (quotas count it as one bare-metal host)
 * @param clusterId the cluster the holder belongs to: the owner itself for control planes and
 *                  workers, the cluster a network function runs in for its replicas. A bare-metal
 *                  worker or an NF replica makes its host a Kubernetes node of this cluster (ADR 0026).
 */
public record Allocation(String holderId, HolderKind kind, String ownerId, String team,
                         String hostId, int numaNode, Resources resources, String clusterId) {

    /**
     * A control plane's or worker's allocation: its cluster is its owner. A network-function
     * replica must name its cluster with the canonical constructor.
     */
    public Allocation(String holderId, HolderKind kind, String ownerId, String team,
                      String hostId, int numaNode, Resources resources) {
        this(holderId, kind, ownerId, team, hostId, numaNode, resources,
                kind == HolderKind.NF_REPLICA ? null : ownerId);
    }

    /** {@link #numaNode} of an allocation that is not bound to one NUMA node. */
    public static final int ANY_NUMA = -1;

    public Allocation {
        Objects.requireNonNull(holderId, "holderId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(clusterId, () -> holderId + ": an NF replica names the cluster it runs in");
        if (numaNode < ANY_NUMA) {
            throw new IllegalArgumentException("numaNode must be >= -1");
        }
        if (kind != HolderKind.NF_REPLICA && !clusterId.equals(ownerId)) {
            throw new IllegalArgumentException(holderId + ": a " + kind + " belongs to its owner's cluster "
                    + ownerId + ", not " + clusterId);
        }
        if (kind == HolderKind.NF_REPLICA && numaNode == ANY_NUMA) {
            throw new IllegalArgumentException(holderId + ": an NF replica is always NUMA-bound");
        }
    }

    /** True when holding this makes its host a Kubernetes node of {@link #clusterId} (ADR 0026). */
    public boolean bindsHostToCluster() {
        return kind == HolderKind.WORKER_BAREMETAL || kind == HolderKind.NF_REPLICA;
    }

    /** The same holder moved to another host/NUMA node. */
    public Allocation movedTo(String newHostId, int newNumaNode) {
        return new Allocation(holderId, kind, ownerId, team, newHostId, newNumaNode, resources, clusterId);
    }
}
