package io.edgefleet.events.outcome;

/**
 * Where one network-function replica runs.
 *
 * @param index    replica index, 0-based
 * @param hostId   the host
 * @param numaNode the NUMA node its resources come from
 */
public record ReplicaPlacement(int index, String hostId, int numaNode) {
}
