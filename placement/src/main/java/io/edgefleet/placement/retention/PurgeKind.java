package io.edgefleet.placement.retention;

/**
 * What the retention job purges, in the order it purges them: a cluster is purged only once none of its
 * network functions is live, so its ended network functions go first.
 */
public enum PurgeKind {
    NETWORK_FUNCTION("network_function", "network functions"),
    CLUSTER("cluster", "clusters"),
    REQUEST("request", "requests");

    /** The value of the metric's {@code kind} tag. */
    public final String tag;
    /** How a log line names rows of this kind. */
    final String plural;

    PurgeKind(String tag, String plural) {
        this.tag = tag;
        this.plural = plural;
    }
}
