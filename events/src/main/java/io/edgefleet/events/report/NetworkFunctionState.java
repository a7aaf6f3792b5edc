package io.edgefleet.events.report;

/** A network function's pods as the site measured them. */
public enum NetworkFunctionState {
    /** Pods exist but not every replica runs yet (scheduling, pulling, starting), with Kubernetes' reason. */
    DEPLOYING,
    /** Every planned replica's pod runs. */
    RUNNING,
    /** A replica's pod failed, or cannot be made at all (e.g. its namespace or network is refused). */
    FAILED
}
