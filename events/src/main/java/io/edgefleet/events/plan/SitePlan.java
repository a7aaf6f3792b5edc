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
 */
public record SitePlan(
        String siteId,
        long version,
        Instant generatedAt,
        List<PlannedMicroVm> microVms,
        List<PlannedCluster> clusters,
        List<PlannedNetworkFunction> networkFunctions) implements EventPayload {

    public SitePlan {
        microVms = microVms == null ? List.of() : List.copyOf(microVms);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        networkFunctions = networkFunctions == null ? List.of() : List.copyOf(networkFunctions);
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
