package io.edgefleet.events.outcome;

import io.edgefleet.events.EventPayload;
import java.time.Instant;
import java.util.List;

/**
 * A site's consolidation changed ({@code io.edgefleet.site.consolidation-changed.v1}). Each event is
 * the full current state of one consolidation, not a delta.
 *
 * @param siteId           the site
 * @param requestId        the request that started it (a dry run's id is the plan id to apply)
 * @param state            where it stands
 * @param moves            every move, in the order placement starts them
 * @param hostsToFree      hosts the moves empty
 * @param hostsFreed       hosts emptied so far
 * @param hostsInUseBefore hosts holding something before the moves
 * @param hostsInUseAfter  hosts holding something once every move is done
 * @param reason           why, in words (a refusal, a failed move, a cancel); may be {@code null}
 * @param changedAt        when the state changed
 */
public record SiteConsolidationChanged(
        String siteId,
        String requestId,
        ConsolidationState state,
        List<ConsolidationMove> moves,
        List<String> hostsToFree,
        List<String> hostsFreed,
        int hostsInUseBefore,
        int hostsInUseAfter,
        String reason,
        Instant changedAt) implements EventPayload {

    public SiteConsolidationChanged {
        moves = moves == null ? List.of() : List.copyOf(moves);
        hostsToFree = hostsToFree == null ? List.of() : List.copyOf(hostsToFree);
        hostsFreed = hostsFreed == null ? List.of() : List.copyOf(hostsFreed);
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
