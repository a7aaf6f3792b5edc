package io.edgefleet.agent.inventory;

/** Operational state of a host, as the site's operator declares it. */
public enum HostState {
    /** Takes new workloads. */
    READY,
    /** Keeps what runs, takes nothing new (maintenance ahead). */
    CORDONED,
    /** Unusable; nothing can be created on it. */
    DOWN
}
