package io.edgefleet.events.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.plan.SiteNetwork;
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
 * @param hostId          null: a site-wide agent, whose {@code hosts} are the whole site. Set: a host
 *                        agent (ADR 0019), speaking for this host only; a full beat's {@code hosts}
 *                        then holds exactly this host
 * @param network         the site's management network from the site inventory file (ADR 0020), the
 *                        same from every host agent of a site; null if the file names none
 */
public record AgentHeartbeat(
        String siteId, String agentVersion, Instant sentAt, int intervalSeconds, List<HostInventory> hosts,
        String inventoryDigest, String hostId, SiteNetwork network)
        implements EventPayload {

    public AgentHeartbeat {
        hosts = hosts == null ? null : List.copyOf(hosts);
    }

    /** A site-wide agent's heartbeat (no host id, no network), full or light. */
    public AgentHeartbeat(String siteId, String agentVersion, Instant sentAt, int intervalSeconds,
                          List<HostInventory> hosts, String inventoryDigest) {
        this(siteId, agentVersion, sentAt, intervalSeconds, hosts, inventoryDigest, null, null);
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

    /** A host agent's light heartbeat: this host's agent is alive, and its inventory is still the one of this digest. */
    public static AgentHeartbeat light(String siteId, String hostId, String agentVersion, Instant sentAt,
                                       int intervalSeconds, String inventoryDigest, SiteNetwork network) {
        return new AgentHeartbeat(siteId, agentVersion, sentAt, intervalSeconds, null, inventoryDigest, hostId, network);
    }

    /** True when a host agent sent it (ADR 0019): it speaks for {@link #hostId()} only, not the whole site. */
    @JsonIgnore
    public boolean fromHostAgent() {
        return hostId != null;
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
