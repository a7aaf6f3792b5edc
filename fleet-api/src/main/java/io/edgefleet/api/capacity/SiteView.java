package io.edgefleet.api.capacity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A site at a glance. {@code agentAlive}: its agent's last heartbeat is younger than three of its
 * intervals. {@code planVersion} is null until placement has planned anything there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteView(String siteId, boolean agentAlive, Instant lastHeartbeat, String agentVersion,
                       Long planVersion, int hosts, int hostsReady, int hostsInUse, int clusters,
                       int networkFunctions, int microVms) {
}
