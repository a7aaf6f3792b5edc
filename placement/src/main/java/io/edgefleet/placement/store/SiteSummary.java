package io.edgefleet.placement.store;

import java.time.Instant;

/** One line about a site: who reported it, when, and how many hosts it has. */
public record SiteSummary(String siteId, String agentVersion, Instant lastHeartbeatAt, long planVersion,
                          int hosts) {
}
