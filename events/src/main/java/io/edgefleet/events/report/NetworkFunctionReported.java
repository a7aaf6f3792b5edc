package io.edgefleet.events.report;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * How a network function's pods are doing in its cluster ({@code io.edgefleet.networkfunction.reported.v1}),
 * reported by the agent that runs the site steps whenever it changes: what an operator needs to see instead of
 * a PLACED that never moves. A site-level report, like the cluster bootstrap report.
 *
 * @param siteId          the site
 * @param nfId            the network function
 * @param clusterId       the cluster it runs in
 * @param state           DEPLOYING, RUNNING or FAILED
 * @param runningReplicas replicas whose pod runs
 * @param replicas        replicas the plan has
 * @param reason          Kubernetes' own words for a replica that does not run (e.g. "0/3 nodes are available:
 *                        3 Insufficient intel.com/sriov_physnet_a"); null when all run
 * @param planVersion     the plan the agent was converging to
 * @param observedAt      when the agent saw it
 */
public record NetworkFunctionReported(String siteId, String nfId, String clusterId, NetworkFunctionState state,
                                      int runningReplicas, int replicas, String reason, long planVersion,
                                      Instant observedAt) implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return nfId;
    }
}
