package io.edgefleet.events.plan;

/** What a microVM (or a bare-metal node) is to its cluster. */
public enum MicroVmRole {
    CONTROL_PLANE,
    WORKER
}
