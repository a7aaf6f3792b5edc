package io.edgefleet.events;

import java.util.List;

/**
 * Kafka topic names of the contract. The {@code .v1} suffix is the topic's contract version:
 * a breaking change gets a new topic, see docs/adr/0003.
 */
public final class Topics {

    /** All requests (clusters and network functions); key = site id; operators/fleet-api → placement. */
    public static final String CLUSTER_REQUESTS = "fleet.cluster-requests.v1";
    /** RequestAccepted / RequestRejected; key = site id; placement → fleet-api, operators. */
    public static final String REQUEST_OUTCOMES = "fleet.request-outcomes.v1";
    /**
     * Cluster and network-function status, and each team's limits; compacted; key = cluster id (NF:
     * clusterId/nfId; a team's limits: {@code team:<team>}, which cannot collide with a cluster's key since a
     * colon is never part of a cluster id).
     */
    public static final String CLUSTER_STATUS = "fleet.cluster-status.v1";
    /** SitePlan; compacted, the latest plan per site; key = site id; placement → site agents. */
    public static final String SITE_PLANS = "fleet.site-plans.v1";
    /** Heartbeats, microVM, bootstrap and host reports; key = site id; agents → placement. */
    public static final String SITE_REPORTS = "fleet.site-reports.v1";
    /**
     * ClusterSecretsSealed; compacted, the latest per cluster; key = cluster id, partition = the site's (as on
     * {@link #SITE_PLANS}); placement → site agents, fleet-api. Only sealed content travels here (ADR 0024).
     */
    public static final String CLUSTER_SECRETS = "fleet.cluster-secrets.v1";
    /** Records that could not be read: original key and value, reason in headers. */
    public static final String DEAD_LETTERS = "fleet.dead-letters.v1";

    /** Every topic of the contract, for topic provisioning and tests. */
    public static final List<String> ALL = List.of(
            CLUSTER_REQUESTS, REQUEST_OUTCOMES, CLUSTER_STATUS, SITE_PLANS, SITE_REPORTS, CLUSTER_SECRETS, DEAD_LETTERS);

    private Topics() {
    }
}
