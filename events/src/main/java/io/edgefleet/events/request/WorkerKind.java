package io.edgefleet.events.request;

/** Where a cluster's workers run. */
public enum WorkerKind {
    /** Whole bare-metal hosts; the request gives only a count. */
    BARE_METAL,
    /** Firecracker microVMs; the request gives a count and a size. */
    MICROVM
}
