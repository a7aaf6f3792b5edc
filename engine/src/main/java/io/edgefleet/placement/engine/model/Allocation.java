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
 */
public record Allocation(String holderId, HolderKind kind, String ownerId, String team,
                         String hostId, int numaNode, Resources resources) {

    /** {@link #numaNode} of an allocation that is not bound to one NUMA node. */
    public static final int ANY_NUMA = -1;

    public Allocation {
        Objects.requireNonNull(holderId, "holderId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(resources, "resources");
        if (numaNode < ANY_NUMA) {
            throw new IllegalArgumentException("numaNode must be >= -1");
        }
        if (kind == HolderKind.NF_REPLICA && numaNode == ANY_NUMA) {
            throw new IllegalArgumentException(holderId + ": an NF replica is always NUMA-bound");
        }
    }

    /** The same holder moved to another host/NUMA node. */
    public Allocation movedTo(String newHostId, int newNumaNode) {
        return new Allocation(holderId, kind, ownerId, team, newHostId, newNumaNode, resources);
    }
}
