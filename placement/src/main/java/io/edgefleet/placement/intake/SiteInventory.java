package io.edgefleet.placement.intake;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.placement.store.HeartbeatStore;
import io.edgefleet.placement.store.ReceivedHeartbeat;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the heartbeats and host-state reports of one batch (ADR 0011, ADR 0013). Every heartbeat
 * moves its site's liveness: one statement for all the sites of the batch. Only a full heartbeat
 * whose inventory differs from what the host rows hold (its {@link io.edgefleet.placement.store.InventoryHash})
 * writes them, and it records the agent's digest of that inventory. A light heartbeat (digest only)
 * never writes hosts: with the recorded digest it is liveness, with another or none it is counted
 * as stale and waits for the site's next full heartbeat. Each site's reports keep their order.
 * Locks: the sites' rows first, in id order, then host rows in (site, host) order, as every writer does.
 */
@ApplicationScoped
public class SiteInventory {
    @Inject
    HeartbeatStore heartbeats;
    @Inject
    SiteStore sites;
    @Inject
    HostHeartbeats hostHeartbeats;
    @Inject
    io.edgefleet.placement.store.PlanContextStore planContext;

    private final StaleInventoryLog staleLog = new StaleInventoryLog();

    /** An inventory report (heartbeat or host state) and the record it came in. */
    record Report(Object payload, IncomingRecord record) {
        String siteId() {
            return payload instanceof AgentHeartbeat h ? h.siteId() : ((HostStateChanged) payload).siteId();
        }
    }

    /**
     * What the heartbeats of a batch wrote: the site row only (an unchanged full heartbeat, or a
     * light one with the recorded digest), the host rows too, or the site row only because a light
     * heartbeat named an inventory the host rows do not hold.
     */
    record Applied(int livenessOnly, int withInventory, int staleInventory) {
    }

    /** Applies the reports; {@code now} bounds every heartbeat's time. */
    Applied apply(Connection tx, List<Report> reports, Instant now) throws SQLException {
        if (reports.isEmpty()) {
            return new Applied(0, 0, 0);
        }
        Map<String, List<Report>> bySite = new TreeMap<>();
        for (Report r : reports) {
            bySite.computeIfAbsent(r.siteId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, HeartbeatStore.Held> stored = heartbeats.lockSites(tx, bySite.keySet());
        List<HeartbeatStore.SiteBeat> existing = new ArrayList<>();
        List<HeartbeatStore.SiteBeat> fresh = new ArrayList<>();
        List<Object> writes = new ArrayList<>();
        List<ReceivedHeartbeat> hostBeats = new ArrayList<>();
        Map<String, io.edgefleet.events.plan.SiteNetwork> networks = new TreeMap<>();
        int livenessOnly = 0;
        int withInventory = 0;
        int staleInventory = 0;
        for (Map.Entry<String, List<Report>> site : bySite.entrySet()) {
            HeartbeatStore.Held was = stored.get(site.getKey());
            boolean exists = was != null;
            String held = exists ? was.inventoryHash() : null;
            String heldDigest = exists ? was.inventoryDigest() : null;
            ReceivedHeartbeat newest = null;
            boolean anyFull = false;
            String inventoryHash = null;
            Instant inventoryAt = null;
            String digest = null;
            Instant digestAt = null;
            boolean forget = false;
            for (Report r : site.getValue()) {
                if (r.payload() instanceof AgentHeartbeat h) {
                    ReceivedHeartbeat received = new ReceivedHeartbeat(h, r.record().partition(), timeOf(h, r.record(), now));
                    if (h.network() != null) {
                        networks.put(site.getKey(), h.network());
                    }
                    if (h.fromHostAgent()) {
                        // Speaks for its own host only (ADR 0019): the site row's inventory stays as it is.
                        hostBeats.add(received);
                        anyFull |= h.carriesInventory();
                    } else if (h.carriesInventory()) {
                        anyFull = true;
                        String hash = heartbeats.inventoryHash(h);
                        if (hash.equals(held)) {
                            livenessOnly++;
                        } else {
                            withInventory++;
                            writes.add(received);
                            held = hash;
                            inventoryHash = hash;
                            inventoryAt = received.at();
                            forget = false;
                        }
                        // The host rows now hold this inventory; null from agents that send no digest.
                        heldDigest = h.inventoryDigest();
                        digest = h.inventoryDigest();
                        digestAt = received.at();
                    } else if (heldDigest != null && heldDigest.equals(h.inventoryDigest())) {
                        livenessOnly++;
                    } else {
                        staleInventory++;
                        staleLog.stale(site.getKey(), h.inventoryDigest(), heldDigest);
                    }
                    if (newest == null || !received.at().isBefore(newest.at())) {
                        newest = received;
                    }
                } else {
                    // Changes a host row outside any inventory: neither hash nor digest describes them now.
                    writes.add(r.payload());
                    held = null;
                    heldDigest = null;
                    digest = null;
                    digestAt = null;
                    forget = true;
                }
            }
            if (newest != null && (exists || anyFull)) {
                AgentHeartbeat h = newest.heartbeat();
                (exists ? existing : fresh).add(new HeartbeatStore.SiteBeat(site.getKey(), h.agentVersion(),
                        h.intervalSeconds(), newest.at(), newest.partition(), inventoryHash, inventoryAt, forget,
                        digest, digestAt));
            } else if (exists) {
                existing.add(new HeartbeatStore.SiteBeat(site.getKey(), null, 0, null, -1, null, null, true));
            }
            // A site placement has never seen in full is not created by light heartbeats: it has no
            // hosts to keep alive, and its first full heartbeat creates it.
        }
        heartbeats.recordLiveness(tx, existing, fresh);
        int[] hostCounts = new int[3];
        hostHeartbeats.apply(tx, hostBeats, hostCounts);
        planContext.recordNetworks(tx, networks);
        for (Object write : writes) {
            if (write instanceof ReceivedHeartbeat received) {
                heartbeats.writeHosts(tx, received);
            } else {
                // DOWN: the lifecycle sweep re-places what the host held; CORDONED: nothing new lands there.
                HostStateChanged h = (HostStateChanged) write;
                sites.setHostState(tx, h.siteId(), h.hostId(), h.state().name());
            }
        }
        return new Applied(livenessOnly + hostCounts[0], withInventory + hostCounts[1], staleInventory + hostCounts[2]);
    }

    /**
     * A heartbeat's time: its Kafka timestamp (the agent's send, or the broker's append with
     * {@code LogAppendTime}), never later than now; its own send time if the record has none.
     */
    static Instant timeOf(AgentHeartbeat heartbeat, IncomingRecord record, Instant now) {
        Instant at = record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : heartbeat.sentAt();
        return at == null || at.isAfter(now) ? now : at;
    }
}
