package io.edgefleet.placement.engine;

/**
 * Stable machine-readable reason of a rejection. Names are part of the contract (they travel in
 * outcome events and dashboards): add new codes, never rename or reuse one.
 */
public enum RejectionCode {
    /** The request itself is malformed (e.g. 2 control-plane replicas). */
    INVALID_REQUEST,
    /** A cluster or network function with that id already holds allocations on the site. */
    ALREADY_EXISTS,
    /** The cluster or network function to change holds nothing on the site. */
    UNKNOWN_OWNER,
    /** No READY host has the capabilities the holder needs (e.g. microvm, sriov:physnet-a). */
    NO_ELIGIBLE_HOST,
    /** Eligible hosts exist but none has enough free capacity. */
    INSUFFICIENT_CAPACITY,
    /** Capacity exists, but not on enough distinct hosts or failure domains. */
    ANTI_AFFINITY,
    /** No single NUMA node has all the pinned cores, hugepages, memory and VFs together. */
    NO_NUMA_FIT,
    /** Bare-metal workers need whole empty hosts and there are not enough. */
    NO_FREE_HOST,
    /** The team's fleet-wide quota would be exceeded. */
    QUOTA_EXCEEDED,
    /** The host to evacuate is unknown, or a holder cannot be moved off it. */
    CANNOT_REPLACE,
    /** Emptying a host would take more moves than the repack may make. */
    MOVE_LIMIT
}
