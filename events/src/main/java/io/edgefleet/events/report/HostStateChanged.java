package io.edgefleet.events.report;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * A host changed state ({@code io.edgefleet.host.state-changed.v1}), e.g. went DOWN; placement
 * re-places what it held.
 *
 * @param siteId     the site
 * @param hostId     the host
 * @param state      READY, CORDONED or DOWN
 * @param reason     why; may be {@code null}
 * @param observedAt when the agent saw it
 */
public record HostStateChanged(String siteId, String hostId, HostState state, String reason, Instant observedAt)
        implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return hostId;
    }
}
