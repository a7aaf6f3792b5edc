package io.edgefleet.events.plan;

import io.edgefleet.events.EventPayload;
import java.time.Instant;
import java.util.List;

/**
 * The full desired state of one site ({@code io.edgefleet.site.plan.v1}). A plan is complete, not a
 * diff: an agent converges from any plan without history, and may skip straight to the newest.
 * Published on a compacted topic, so the latest plan per site is always there to read.
 *
 * @param siteId           the site
 * @param version          increases by one per change of the site's plan; agents ignore older ones
 * @param generatedAt      when placement wrote it
 * @param microVms         every microVM the site should run
 * @param clusters         every cluster the site should run
 * @param networkFunctions every network function the site should run
 * @param siteStepsHostId  the host whose agent runs the site-level steps (cluster API calls, network
 *                         function pods, bootstrap reports): the lowest-id READY host with a live
 *                         agent, re-named when it goes DOWN (ADR 0019); null when the site has no
 *                         host agents, and then the site-wide agent runs them
 * @param network          the site's management network, from the latest heartbeat that carried one;
 *                         null if none ever did
 */
public record SitePlan(
        String siteId,
        long version,
        Instant generatedAt,
        List<PlannedMicroVm> microVms,
        List<PlannedCluster> clusters,
        List<PlannedNetworkFunction> networkFunctions,
        String siteStepsHostId,
        SiteNetwork network) implements EventPayload {

    public SitePlan {
        microVms = microVms == null ? List.of() : List.copyOf(microVms);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        networkFunctions = networkFunctions == null ? List.of() : List.copyOf(networkFunctions);
    }

    /** A plan for a site with a site-wide agent and no network (as before ADR 0019 and 0020). */
    public SitePlan(String siteId, long version, Instant generatedAt, List<PlannedMicroVm> microVms,
                    List<PlannedCluster> clusters, List<PlannedNetworkFunction> networkFunctions) {
        this(siteId, version, generatedAt, microVms, clusters, networkFunctions, null, null);
    }

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return siteId;
    }
}
