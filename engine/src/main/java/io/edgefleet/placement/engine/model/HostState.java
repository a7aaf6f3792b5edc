package io.edgefleet.placement.engine.model;

/** Operational state of a host. Only {@link #READY} hosts receive new allocations. */
public enum HostState {
    /** Schedulable. */
    READY,
    /** Keeps what it runs, receives nothing new (maintenance drain). */
    CORDONED,
    /** Lost: everything it held must be re-placed. */
    DOWN
}
