package io.edgefleet.agent.report;

import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import java.time.Instant;
import java.util.List;

/**
 * Decides, beat by beat, whether a heartbeat carries the inventory (ADR 0013). Full: the first
 * beat, a beat whose inventory differs from the last one sent in full, and at least every
 * {@code fullEvery}-th beat, so placement heals whatever it missed (a lost full heartbeat, hosts
 * it marked DOWN for silence) within {@code fullEvery} intervals. Light (digest only) otherwise:
 * that is what spares placement the parse, schema check and hash of an unchanged 16-host
 * inventory on most beats. Plain class, shared by the agent and the fleet-scale bench; one
 * instance per agent; thread-safe.
 *
 * <p>A host's agent (ADR 0019) gives it a host id: its beats carry that id and, when full, only its
 * own host, and the digest is over that host alone. The rules above are the same.
 */
public final class HeartbeatComposer {
    private final String siteId;
    private final String hostId;
    private final SiteNetwork network;
    private final String agentVersion;
    private final int fullEvery;
    private String lastFullDigest;
    private int lightSinceFull;

    /** @param fullEvery a full heartbeat at least every this many beats; 1 sends every one in full */
    public HeartbeatComposer(String siteId, String agentVersion, int fullEvery) {
        this(siteId, null, null, agentVersion, fullEvery);
    }

    /**
     * @param hostId    the host whose agent beats, or null for a site-wide agent
     * @param network   the site's management network from the inventory file, sent on every beat
     *                  (ADR 0020), or null
     * @param fullEvery a full heartbeat at least every this many beats; 1 sends every one in full
     */
    public HeartbeatComposer(String siteId, String hostId, SiteNetwork network, String agentVersion, int fullEvery) {
        if (fullEvery < 1) {
            throw new IllegalArgumentException("heartbeat-full-every must be at least 1, got " + fullEvery);
        }
        this.siteId = siteId;
        this.hostId = hostId;
        this.network = network;
        this.agentVersion = agentVersion;
        this.fullEvery = fullEvery;
    }

    /**
     * The next heartbeat for the inventory as measured now: the site's hosts, or a host agent's own
     * host (exactly one, with its id: anything else is a bug in the caller).
     */
    public synchronized AgentHeartbeat next(Instant sentAt, int intervalSeconds, List<HostInventory> hosts) {
        if (hostId != null && (hosts.size() != 1 || !hostId.equals(hosts.get(0).hostId()))) {
            throw new IllegalArgumentException("the agent of host " + hostId + " speaks for its own host only, not for "
                    + hosts.stream().map(HostInventory::hostId).toList());
        }
        String digest = InventoryDigest.of(hosts);
        boolean full = !digest.equals(lastFullDigest) || lightSinceFull + 1 >= fullEvery;
        if (full) {
            lastFullDigest = digest;
            lightSinceFull = 0;
            return new AgentHeartbeat(siteId, agentVersion, sentAt, intervalSeconds, hosts, digest, hostId, network);
        }
        lightSinceFull++;
        return AgentHeartbeat.light(siteId, hostId, agentVersion, sentAt, intervalSeconds, digest, network);
    }
}
