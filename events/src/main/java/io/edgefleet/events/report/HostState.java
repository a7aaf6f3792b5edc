package io.edgefleet.events.report;

/** Whether a host can take new work. */
public enum HostState {
    /** Healthy and schedulable. */
    READY,
    /** Healthy, but no new work goes there (maintenance). */
    CORDONED,
    /** Unreachable or failed. */
    DOWN
}
