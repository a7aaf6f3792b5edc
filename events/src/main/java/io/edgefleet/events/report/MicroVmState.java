package io.edgefleet.events.report;

/** Lifecycle of a microVM as its agent observes it. */
public enum MicroVmState {
    PENDING,
    CREATING,
    RUNNING,
    STOPPED,
    FAILED,
    DELETED,
    /** Alive but not answering its API in time: it may run, so it keeps its resources. */
    UNKNOWN
}
