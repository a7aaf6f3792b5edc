package io.edgefleet.events.report;

import io.edgefleet.events.EventPayload;
import java.time.Instant;
import java.util.List;

/**
 * A site agent is alive, and this is its site's inventory ({@code io.edgefleet.agent.heartbeat.v1}).
 * Carrying the whole inventory every time keeps placement's view self-healing.
 *
 * @param siteId          the site
 * @param agentVersion    the agent's version
 * @param sentAt          when it was sent
 * @param intervalSeconds the agent's heartbeat interval; placement declares it lost after a few missed
 * @param hosts           every host of the site
 */
public record AgentHeartbeat(
        String siteId, String agentVersion, Instant sentAt, int intervalSeconds, List<HostInventory> hosts)
        implements EventPayload {

    public AgentHeartbeat {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
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
