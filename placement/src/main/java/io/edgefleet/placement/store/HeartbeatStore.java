package io.edgefleet.placement.store;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What heartbeats write: the site row's liveness for every heartbeat (one statement for all the
 * sites of a batch), and the host rows only when a full heartbeat's inventory differs from the one
 * they hold ({@link InventoryHash}, kept on the site row, with the agent's digest of it for light
 * heartbeats, ADR 0013). Lock order, as every writer: site rows first, in
 * id order ({@link #lockSites}), then host rows in (site, host) order.
 */
@ApplicationScoped
public class HeartbeatStore {
    /** Shared vCPU overcommit for microVMs of hosts whose agent reports no ratio. */
    @ConfigProperty(name = "edgefleet.placement.cpu-allocation-ratio", defaultValue = "4.0")
    double cpuAllocationRatio;

    /** Local disk for microVM root filesystems of hosts whose agent reports none. */
    @ConfigProperty(name = "edgefleet.placement.host-disk-gib", defaultValue = "1800")
    long hostDiskGib;

    /**
     * A site's row after a batch of its reports.
     *
     * @param siteId          the site
     * @param agentVersion    from its newest heartbeat (null: no heartbeat in the batch, only host states)
     * @param intervalSeconds from its newest heartbeat
     * @param at              the time of its newest heartbeat (null: none)
     * @param partition       the report partition of its newest heartbeat (-1: unknown)
     * @param inventoryHash   the hash of the last inventory this batch wrote to its host rows
     * @param inventoryAt     the time of that inventory (null: the batch wrote none)
     * @param forget          a host row changed after that outside any heartbeat (a host-state
     *                        report): the stored hash and digest no longer describe the rows
     * @param inventoryDigest the agent's digest of its last full heartbeat in the batch (null: that
     *                        heartbeat had none, or there was no full heartbeat)
     * @param digestAt        the time of that full heartbeat (null: no full heartbeat in the batch,
     *                        the stored digest stays as it is)
     */
    public record SiteBeat(String siteId, String agentVersion, int intervalSeconds, Instant at, int partition,
                           String inventoryHash, Instant inventoryAt, boolean forget, String inventoryDigest,
                           Instant digestAt) {

        /** A site row without any full heartbeat's digest: the stored digest stays as it is. */
        public SiteBeat(String siteId, String agentVersion, int intervalSeconds, Instant at, int partition,
                        String inventoryHash, Instant inventoryAt, boolean forget) {
            this(siteId, agentVersion, intervalSeconds, at, partition, inventoryHash, inventoryAt, forget, null, null);
        }
    }

    /**
     * What a site's host rows hold, as the site row says.
     *
     * @param inventoryHash   hash of the inventory they hold (null: they must be written again)
     * @param inventoryDigest the agent's digest of the full heartbeat they came from (null: unknown)
     */
    public record Held(String inventoryHash, String inventoryDigest) {
    }

    /** The hash of this heartbeat's inventory, as {@link #writeHosts} would write it. */
    public String inventoryHash(AgentHeartbeat heartbeat) {
        return InventoryHash.of(heartbeat, cpuAllocationRatio, hostDiskGib);
    }

    /**
     * Locks the rows of these sites, in id order, for this transaction; returns what the host rows
     * of each site that exists hold.
     */
    public Map<String, Held> lockSites(Connection tx, Collection<String> siteIds) throws SQLException {
        Map<String, Held> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select site_id, inventory_hash, inventory_digest from site"
                + " where site_id = any (?) order by site_id for update")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Held(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /**
     * Writes each site's liveness with one statement for the sites that exist (their rows are
     * locked already, {@link #lockSites}) and one for new sites, in id order. Older reports
     * (a redelivery after a rebalance) never move a site's liveness or inventory back.
     */
    public void recordLiveness(Connection tx, Collection<SiteBeat> existing, Collection<SiteBeat> fresh)
            throws SQLException {
        if (!existing.isEmpty()) {
            try (PreparedStatement ps = tx.prepareStatement("update site s set"
                    + " agent_version = case when u.at >= coalesce(s.last_heartbeat_at, u.at) then u.agent_version"
                    + " else s.agent_version end,"
                    + " heartbeat_interval_s = case when u.at >= coalesce(s.last_heartbeat_at, u.at) then u.interval_s"
                    + " else s.heartbeat_interval_s end,"
                    + " report_partition = case when u.at >= coalesce(s.last_heartbeat_at, u.at)"
                    + " then coalesce(u.partition, s.report_partition) else s.report_partition end,"
                    + " last_heartbeat_at = greatest(s.last_heartbeat_at, u.at),"
                    + " inventory_hash = case when u.forget then null"
                    + " when u.inventory_at >= coalesce(s.inventory_at, u.inventory_at) then u.inventory_hash"
                    + " else s.inventory_hash end,"
                    + " inventory_at = case when u.inventory_at >= coalesce(s.inventory_at, u.inventory_at)"
                    + " then u.inventory_at else s.inventory_at end,"
                    // A redelivered older full heartbeat never puts back the digest of an older inventory.
                    + " inventory_digest = case when u.forget then null"
                    + " when u.digest_at >= coalesce(s.last_heartbeat_at, u.digest_at) then u.inventory_digest"
                    + " else s.inventory_digest end"
                    + " from (select u.site_id, u.agent_version, u.interval_s, u.at::timestamptz as at, u.partition,"
                    + " u.inventory_hash, u.inventory_at::timestamptz as inventory_at, u.forget, u.inventory_digest,"
                    + " u.digest_at::timestamptz as digest_at"
                    + " from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::text[], ?::text[], ?::boolean[],"
                    + " ?::text[], ?::text[])"
                    + " as u(site_id, agent_version, interval_s, at, partition, inventory_hash, inventory_at, forget,"
                    + " inventory_digest, digest_at)) u"
                    + " where s.site_id = u.site_id")) {
                bind(tx, ps, existing);
                ps.executeUpdate();
            }
        }
        if (!fresh.isEmpty()) {
            // A site seen for the first time; another replica inserting it at the same moment (a
            // redelivery) wins the row, and the stored hash is dropped: the next heartbeat rewrites.
            try (PreparedStatement ps = tx.prepareStatement("insert into site (site_id, agent_version,"
                    + " heartbeat_interval_s, last_heartbeat_at, report_partition, inventory_hash, inventory_at,"
                    + " inventory_digest)"
                    + " select u.site_id, u.agent_version, u.interval_s, u.at::timestamptz, u.partition,"
                    + " case when u.forget then null else u.inventory_hash end, u.inventory_at::timestamptz,"
                    + " case when u.forget then null else u.inventory_digest end"
                    + " from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::text[], ?::text[], ?::boolean[],"
                    + " ?::text[], ?::text[])"
                    + " as u(site_id, agent_version, interval_s, at, partition, inventory_hash, inventory_at, forget,"
                    + " inventory_digest, digest_at)"
                    + " order by u.site_id"
                    + " on conflict (site_id) do update set"
                    + " last_heartbeat_at = greatest(site.last_heartbeat_at, excluded.last_heartbeat_at),"
                    + " inventory_hash = null, inventory_digest = null")) {
                bind(tx, ps, fresh);
                ps.executeUpdate();
            }
        }
    }

    private static void bind(Connection tx, PreparedStatement ps, Collection<SiteBeat> beats) throws SQLException {
        List<SiteBeat> sorted = beats.stream().sorted(Comparator.comparing(SiteBeat::siteId)).toList();
        int n = sorted.size();
        Object[] ids = new Object[n];
        Object[] versions = new Object[n];
        Object[] intervals = new Object[n];
        Object[] ats = new Object[n];
        Object[] partitions = new Object[n];
        Object[] hashes = new Object[n];
        Object[] inventoryAts = new Object[n];
        Object[] forget = new Object[n];
        Object[] digests = new Object[n];
        Object[] digestAts = new Object[n];
        for (int i = 0; i < n; i++) {
            SiteBeat b = sorted.get(i);
            ids[i] = b.siteId();
            versions[i] = b.agentVersion();
            intervals[i] = b.intervalSeconds();
            ats[i] = b.at() == null ? null : b.at().toString();
            partitions[i] = b.partition() < 0 ? null : b.partition();
            hashes[i] = b.inventoryHash();
            inventoryAts[i] = b.inventoryAt() == null ? null : b.inventoryAt().toString();
            forget[i] = b.forget();
            digests[i] = b.inventoryDigest();
            digestAts[i] = b.digestAt() == null ? null : b.digestAt().toString();
        }
        Array[] arrays = {tx.createArrayOf("text", ids), tx.createArrayOf("text", versions),
            tx.createArrayOf("int4", intervals), tx.createArrayOf("text", ats), tx.createArrayOf("int4", partitions),
            tx.createArrayOf("text", hashes), tx.createArrayOf("text", inventoryAts), tx.createArrayOf("bool", forget),
            tx.createArrayOf("text", digests), tx.createArrayOf("text", digestAts)};
        for (int i = 0; i < arrays.length; i++) {
            ps.setArray(i + 1, arrays[i]);
        }
    }

    /**
     * Writes the hosts of one full heartbeat whose inventory differs from the stored one: capacity and
     * state as the agent measured them, seen at the heartbeat's time. Capacity or state changes
     * bump the generation: a decision taken on the old capacity must not commit. A host marked
     * DOWN for silence comes back READY here (the sweep dropped the site's hash, so the next
     * heartbeat of the site comes this way).
     */
    public void writeHosts(Connection tx, ReceivedHeartbeat received) throws SQLException {
        AgentHeartbeat heartbeat = received.heartbeat();
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into host (site_id, host_id, failure_domain, state, capabilities, numa_nodes,"
                        + " reserved_cores, reserved_memory_mib, cpu_allocation_ratio, disk_gib, last_seen_at, host_agent)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (site_id, host_id) do update set"
                        + " failure_domain = excluded.failure_domain, state = excluded.state,"
                        + " capabilities = excluded.capabilities, numa_nodes = excluded.numa_nodes,"
                        + " reserved_cores = excluded.reserved_cores, reserved_memory_mib = excluded.reserved_memory_mib,"
                        + " cpu_allocation_ratio = excluded.cpu_allocation_ratio, disk_gib = excluded.disk_gib,"
                        + " last_seen_at = greatest(host.last_seen_at, excluded.last_seen_at), host_agent = excluded.host_agent,"
                        + " generation = host.generation + case when"
                        + " (host.failure_domain, host.state, host.capabilities, host.numa_nodes,"
                        + " host.reserved_cores, host.reserved_memory_mib, host.cpu_allocation_ratio, host.disk_gib)"
                        + " is distinct from (excluded.failure_domain, excluded.state, excluded.capabilities,"
                        + " excluded.numa_nodes, excluded.reserved_cores, excluded.reserved_memory_mib,"
                        + " excluded.cpu_allocation_ratio, excluded.disk_gib) then 1 else 0 end"
                        + " where excluded.last_seen_at >= coalesce(host.last_seen_at, excluded.last_seen_at)")) {
            // Host rows are locked in host-id order, the order every other writer uses (no deadlock).
            List<HostInventory> sorted = heartbeat.hosts().stream()
                    .sorted(Comparator.comparing(HostInventory::hostId)).toList();
            for (HostInventory host : sorted) {
                ps.setString(1, heartbeat.siteId());
                ps.setString(2, host.hostId());
                ps.setString(3, host.failureDomain());
                ps.setString(4, host.state().name());
                ps.setArray(5, tx.createArrayOf("text", host.capabilities().toArray()));
                ps.setString(6, NumaJson.of(host.numaNodes()));
                ps.setInt(7, host.reservedCores());
                ps.setLong(8, host.reservedMemoryMib());
                ps.setDouble(9, InventoryHash.cpuAllocationRatio(host, cpuAllocationRatio));
                ps.setLong(10, InventoryHash.diskGib(host, hostDiskGib));
                ps.setTimestamp(11, Timestamp.from(received.at()));
                ps.setBoolean(12, heartbeat.fromHostAgent()); // ADR 0019: whose beats keep the host alive
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
