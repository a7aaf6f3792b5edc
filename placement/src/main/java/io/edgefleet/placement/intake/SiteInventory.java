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
 * Applies the heartbeats and host-state reports of one batch (ADR 0011). Every heartbeat moves its
 * site's liveness: one statement for all the sites of the batch. Only a heartbeat whose inventory
 * differs from what the host rows hold (its {@link io.edgefleet.placement.store.InventoryHash})
 * writes them. Each site's reports keep their order. Locks: the sites' rows first, in id order,
 * then host rows in (site, host) order, as every writer does.
 */
@ApplicationScoped
public class SiteInventory {
    @Inject
    HeartbeatStore heartbeats;
    @Inject
    SiteStore sites;

    /** An inventory report (heartbeat or host state) and the record it came in. */
    record Report(Object payload, IncomingRecord record) {
        String siteId() {
            return payload instanceof AgentHeartbeat h ? h.siteId() : ((HostStateChanged) payload).siteId();
        }
    }

    /** What the heartbeats of a batch wrote: the site row only, or the host rows too. */
    record Applied(int livenessOnly, int withInventory) {
    }

    /** Applies the reports; {@code now} bounds every heartbeat's time. */
    Applied apply(Connection tx, List<Report> reports, Instant now) throws SQLException {
        if (reports.isEmpty()) {
            return new Applied(0, 0);
        }
        Map<String, List<Report>> bySite = new TreeMap<>();
        for (Report r : reports) {
            bySite.computeIfAbsent(r.siteId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, String> stored = heartbeats.lockSites(tx, bySite.keySet());
        List<HeartbeatStore.SiteBeat> existing = new ArrayList<>();
        List<HeartbeatStore.SiteBeat> fresh = new ArrayList<>();
        List<Object> writes = new ArrayList<>();
        int livenessOnly = 0;
        int withInventory = 0;
        for (Map.Entry<String, List<Report>> site : bySite.entrySet()) {
            boolean exists = stored.containsKey(site.getKey());
            String held = stored.get(site.getKey());
            ReceivedHeartbeat newest = null;
            String inventoryHash = null;
            Instant inventoryAt = null;
            boolean forget = false;
            for (Report r : site.getValue()) {
                if (r.payload() instanceof AgentHeartbeat h) {
                    ReceivedHeartbeat received = new ReceivedHeartbeat(h, r.record().partition(), timeOf(h, r.record(), now));
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
                    if (newest == null || !received.at().isBefore(newest.at())) {
                        newest = received;
                    }
                } else {
                    // Changes a host row outside any inventory: the stored hash no longer describes them.
                    writes.add(r.payload());
                    held = null;
                    forget = true;
                }
            }
            if (newest != null) {
                AgentHeartbeat h = newest.heartbeat();
                (exists ? existing : fresh).add(new HeartbeatStore.SiteBeat(site.getKey(), h.agentVersion(),
                        h.intervalSeconds(), newest.at(), newest.partition(), inventoryHash, inventoryAt, forget));
            } else if (exists) {
                existing.add(new HeartbeatStore.SiteBeat(site.getKey(), null, 0, null, -1, null, null, true));
            }
        }
        heartbeats.recordLiveness(tx, existing, fresh);
        for (Object write : writes) {
            if (write instanceof ReceivedHeartbeat received) {
                heartbeats.writeHosts(tx, received);
            } else {
                // DOWN: the lifecycle sweep re-places what the host held; CORDONED: nothing new lands there.
                HostStateChanged h = (HostStateChanged) write;
                sites.setHostState(tx, h.siteId(), h.hostId(), h.state().name());
            }
        }
        return new Applied(livenessOnly, withInventory);
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
