package io.edgefleet.placement.intake;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.placement.store.HeartbeatStore;
import io.edgefleet.placement.store.HostBeatStore;
import io.edgefleet.placement.store.ReceivedHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies host agents' heartbeats (ADR 0019), each for its own host only: a full beat writes that
 * host's row when its inventory differs from the one the row holds, and every beat of a host with
 * a row moves that host's liveness, never its neighbours'. A light beat whose digest is not the
 * one the row holds is liveness only, counted stale, as for site-wide agents (ADR 0013). The
 * caller holds the site rows and has written their liveness (so new sites exist).
 */
@ApplicationScoped
public class HostHeartbeats {
    @Inject
    HeartbeatStore heartbeats;
    @Inject
    HostBeatStore hosts;

    private final StaleInventoryLog staleLog = new StaleInventoryLog();

    /** Applies the beats, in their order per host; adds what they wrote to {@code counts} (liveness, inventory, stale). */
    void apply(Connection tx, List<ReceivedHeartbeat> beats, int[] counts) throws SQLException {
        if (beats.isEmpty()) {
            return;
        }
        TreeSet<String> siteIds = new TreeSet<>();
        TreeSet<String> keys = new TreeSet<>();
        for (ReceivedHeartbeat b : beats) {
            siteIds.add(b.heartbeat().siteId());
            keys.add(HostBeatStore.key(b.heartbeat().siteId(), b.heartbeat().hostId()));
        }
        Map<String, HostBeatStore.Held> held = hosts.lockHosts(tx, siteIds, keys);
        List<ReceivedHeartbeat> writes = new ArrayList<>();
        List<HostBeatStore.Seen> seen = new ArrayList<>();
        for (ReceivedHeartbeat b : beats) {
            AgentHeartbeat h = b.heartbeat();
            String key = HostBeatStore.key(h.siteId(), h.hostId());
            HostBeatStore.Held was = held.get(key);
            if (h.carriesInventory()) {
                String hash = heartbeats.inventoryHash(h);
                if (was != null && hash.equals(was.inventoryHash())) {
                    counts[0]++;
                } else {
                    counts[1]++;
                    writes.add(b);
                }
                held.put(key, new HostBeatStore.Held(hash, h.inventoryDigest()));
                seen.add(new HostBeatStore.Seen(h.siteId(), h.hostId(), b.at(), true, hash, h.inventoryDigest()));
            } else if (was == null) {
                // A host placement has never seen in full: nothing to keep alive until its first full beat.
                counts[2]++;
                staleLog.stale(key, h.inventoryDigest(), null);
            } else {
                if (was.inventoryDigest() != null && was.inventoryDigest().equals(h.inventoryDigest())) {
                    counts[0]++;
                } else {
                    counts[2]++;
                    staleLog.stale(key, h.inventoryDigest(), was.inventoryDigest());
                }
                seen.add(new HostBeatStore.Seen(h.siteId(), h.hostId(), b.at(), false, null, null));
            }
        }
        writes.sort(Comparator.comparing((ReceivedHeartbeat r) -> r.heartbeat().siteId())
                .thenComparing(r -> r.heartbeat().hostId()));
        for (ReceivedHeartbeat write : writes) {
            heartbeats.writeHosts(tx, write);
        }
        hosts.recordSeen(tx, seen);
    }
}
