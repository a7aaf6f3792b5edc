package io.edgefleet.placement.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What host agents' heartbeats write (ADR 0019): each beat moves only its own host's liveness
 * ({@code last_seen_at}), and the host row records the hash and digest of the inventory it holds,
 * so a light beat of that host proves it unchanged. Site-wide heartbeats are {@link HeartbeatStore}'s.
 * Callers hold the site rows already; host rows are locked in (site, host) order, as every writer does.
 */
@ApplicationScoped
public class HostBeatStore {

    /** A host row as a host agent's beat finds it. */
    public record Held(String inventoryHash, String inventoryDigest) {
    }

    /**
     * A host agent's beat to record.
     *
     * @param full   it carried the host's inventory: {@code hash} and {@code digest} now describe the row
     */
    public record Seen(String siteId, String hostId, Instant at, boolean full, String hash, String digest) {
    }

    /** The key of a host in the maps of this class. */
    public static String key(String siteId, String hostId) {
        return siteId + "/" + hostId;
    }

    /** Locks these hosts' rows (those that exist) in (site, host) order; what each holds. */
    public Map<String, Held> lockHosts(Connection tx, Collection<String> siteIds, Collection<String> keys)
            throws SQLException {
        Map<String, Held> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select site_id, host_id, agent_inventory_hash,"
                + " agent_inventory_digest from host where site_id = any (?) and site_id || '/' || host_id = any (?)"
                + " order by site_id, host_id for update")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            ps.setArray(2, tx.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(key(rs.getString(1), rs.getString(2)), new Held(rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /**
     * Records the beats in one statement: the host was seen (an older redelivery never moves it
     * back) and, for a full beat, the inventory it holds. A full beat's host row was written first
     * ({@link HeartbeatStore#writeHosts}); hosts without a row are skipped.
     */
    public void recordSeen(Connection tx, List<Seen> beats) throws SQLException {
        if (beats.isEmpty()) {
            return;
        }
        List<Seen> sorted = beats.stream().sorted(Comparator.comparing(Seen::siteId).thenComparing(Seen::hostId)
                .thenComparing(Seen::at)).toList();
        int n = sorted.size();
        Object[] sites = new Object[n];
        Object[] hosts = new Object[n];
        Object[] ats = new Object[n];
        Object[] full = new Object[n];
        Object[] hashes = new Object[n];
        Object[] digests = new Object[n];
        for (int i = 0; i < n; i++) {
            Seen s = sorted.get(i);
            sites[i] = s.siteId();
            hosts[i] = s.hostId();
            ats[i] = s.at().toString();
            full[i] = s.full();
            hashes[i] = s.hash();
            digests[i] = s.digest();
        }
        // One row per host: the newest beat, and the newest full one's inventory if any.
        try (PreparedStatement ps = tx.prepareStatement("update host h set host_agent = true,"
                + " last_seen_at = greatest(h.last_seen_at, u.at),"
                + " agent_inventory_hash = case when u.full_at >= coalesce(h.last_seen_at, u.full_at) then u.hash"
                + " else h.agent_inventory_hash end,"
                + " agent_inventory_digest = case when u.full_at >= coalesce(h.last_seen_at, u.full_at) then u.digest"
                + " else h.agent_inventory_digest end"
                + " from (select distinct on (site_id, host_id) site_id, host_id,"
                + " max(at) over w as at, full_at, hash, digest"
                + " from (select site_id, host_id, at::timestamptz as at,"
                + " case when is_full then at::timestamptz end as full_at, hash, digest"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[])"
                + " as b(site_id, host_id, at, is_full, hash, digest)) b"
                + " window w as (partition by site_id, host_id)"
                + " order by site_id, host_id, full_at desc nulls last) u"
                + " where h.site_id = u.site_id and h.host_id = u.host_id")) {
            ps.setArray(1, tx.createArrayOf("text", sites));
            ps.setArray(2, tx.createArrayOf("text", hosts));
            ps.setArray(3, tx.createArrayOf("text", ats));
            ps.setArray(4, tx.createArrayOf("bool", full));
            ps.setArray(5, tx.createArrayOf("text", hashes));
            ps.setArray(6, tx.createArrayOf("text", digests));
            ps.executeUpdate();
        }
    }
}
