package io.edgefleet.events.outcome;

/** Which kind of request an outcome answers. */
public enum RequestKind {
    CLUSTER_CREATE,
    CLUSTER_SCALE,
    CLUSTER_DELETE,
    NETWORK_FUNCTION_CREATE,
    NETWORK_FUNCTION_DELETE,
    /** An operator enrolled (or rotated) a site's public key. */
    SITE_ENROLL,
    /** A team moved a cluster to another Kubernetes version. */
    CLUSTER_UPGRADE,
    /** An operator asked for a site's consolidation (dry run, apply or cancel). */
    SITE_CONSOLIDATE,
    /** An operator set a team's fleet-wide quota. */
    TEAM_QUOTA_SET
}
