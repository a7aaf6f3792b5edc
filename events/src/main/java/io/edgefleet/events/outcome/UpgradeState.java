package io.edgefleet.events.outcome;

/** Where a cluster's Kubernetes version upgrade is. */
public enum UpgradeState {
    /** Replicas are being replaced, one at a time. */
    ROLLING,
    /** Every microVM of the cluster runs the target version. */
    DONE,
    /** A step failed or timed out: the roll stopped there, the cluster keeps serving. */
    FAILED
}
