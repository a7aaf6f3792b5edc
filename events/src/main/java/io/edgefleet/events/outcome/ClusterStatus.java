package io.edgefleet.events.outcome;

/** Lifecycle of a cluster as placement knows it. */
public enum ClusterStatus {
    REQUESTED,
    PLACED,
    PROVISIONING,
    READY,
    SCALING,
    DELETING,
    DELETED,
    FAILED
}
