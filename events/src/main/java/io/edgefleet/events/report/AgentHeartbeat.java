package io.edgefleet.events.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.edgefleet.events.EventPayload;
import java.time.Instant;
import java.util.List;

/**
 * A site agent is alive, and this is (or still is) its site's inventory
 * ({@code io.edgefleet.agent.heartbeat.v1}).
 *
 * <p>Two forms (ADR 0013). A <b>full</b> heartbeat carries {@code hosts}: the whole inventory, so
 * placement's view heals whatever it missed. A <b>light</b> heartbeat carries only
 * {@code inventoryDigest}: "alive, and my inventory is still the one whose digest this is". An
 * agent sends a full one at start, whenever its inventory changed, and at least every few beats;
 * older agents send only full ones, without a digest. One of the two is always present.
 *
 * @param siteId          the site
 * @param agentVersion    the agent's version
 * @param sentAt          when it was sent
 * @param intervalSeconds the agent's heartbeat interval; placement declares it lost after a few missed
 * @param hosts           every host of the site; null in a light heartbeat
 * @param inventoryDigest an opaque token the agent derives from its inventory (same inventory, same
 *                        token); null from agents that do not send light heartbeats
 */
public record AgentHeartbeat(
        String siteId, String agentVersion, Instant sentAt, int intervalSeconds, List<HostInventory> hosts,
        String inventoryDigest)
        implements EventPayload {

    public AgentHeartbeat {
        hosts = hosts == null ? null : List.copyOf(hosts);
    }

    /** A full heartbeat without a digest, as agents before light heartbeats send it (null hosts: none). */
    public AgentHeartbeat(String siteId, String agentVersion, Instant sentAt, int intervalSeconds,
                          List<HostInventory> hosts) {
        this(siteId, agentVersion, sentAt, intervalSeconds, hosts == null ? List.of() : hosts, null);
    }

    /** A light heartbeat: alive, and the inventory is still the one of this digest. */
    public static AgentHeartbeat light(String siteId, String agentVersion, Instant sentAt, int intervalSeconds,
                                       String inventoryDigest) {
        return new AgentHeartbeat(siteId, agentVersion, sentAt, intervalSeconds, null, inventoryDigest);
    }

    /** True when it carries the inventory (full); false for a light heartbeat. */
    @JsonIgnore
    public boolean carriesInventory() {
        return hosts != null;
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
