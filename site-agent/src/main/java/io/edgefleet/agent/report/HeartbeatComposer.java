package io.edgefleet.agent.report;

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
 * instance per site; thread-safe.
 */
public final class HeartbeatComposer {
    private final String siteId;
    private final String agentVersion;
    private final int fullEvery;
    private String lastFullDigest;
    private int lightSinceFull;

    /** @param fullEvery a full heartbeat at least every this many beats; 1 sends every one in full */
    public HeartbeatComposer(String siteId, String agentVersion, int fullEvery) {
        if (fullEvery < 1) {
            throw new IllegalArgumentException("heartbeat-full-every must be at least 1, got " + fullEvery);
        }
        this.siteId = siteId;
        this.agentVersion = agentVersion;
        this.fullEvery = fullEvery;
    }

    /** The next heartbeat for the site's inventory as measured now. */
    public synchronized AgentHeartbeat next(Instant sentAt, int intervalSeconds, List<HostInventory> hosts) {
        String digest = InventoryDigest.of(hosts);
        boolean full = !digest.equals(lastFullDigest) || lightSinceFull + 1 >= fullEvery;
        if (full) {
            lastFullDigest = digest;
            lightSinceFull = 0;
            return new AgentHeartbeat(siteId, agentVersion, sentAt, intervalSeconds, hosts, digest);
        }
        lightSinceFull++;
        return AgentHeartbeat.light(siteId, agentVersion, sentAt, intervalSeconds, digest);
    }
}
