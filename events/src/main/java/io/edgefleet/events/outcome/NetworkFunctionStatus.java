package io.edgefleet.events.outcome;

/** Lifecycle of a network function as placement knows it. */
public enum NetworkFunctionStatus {
    REQUESTED,
    PLACED,
    DEPLOYING,
    RUNNING,
    DELETING,
    DELETED,
    FAILED
}
