package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * An operator asks placement to repack a site so that whole hosts become empty
 * ({@code io.edgefleet.site.consolidate-requested.v1}). Progress follows as
 * {@link io.edgefleet.events.outcome.SiteConsolidationChanged} events.
 *
 * @param siteId   the site
 * @param action   dry run, apply or cancel
 * @param planId   with {@link ConsolidationAction#APPLY}: the request id of the dry run whose moves to
 *                 perform (placement refuses it when the site changed since); {@code null} plans afresh
 * @param maxMoves optional cap on the number of moves (1 to 1000); {@code null} lets placement choose
 */
public record SiteConsolidateRequested(String siteId, ConsolidationAction action, String planId, Integer maxMoves)
        implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return siteId;
    }
}
