package io.edgefleet.placement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sites and hosts: what agents report, and the per-host generation that guards allocations. */
@ApplicationScoped
public class SiteStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<NumaNode>> NUMA_LIST = new TypeReference<>() {
    };

    /** Shared vCPU overcommit for microVMs of hosts whose agent reports no ratio. */
    @ConfigProperty(name = "edgefleet.placement.cpu-allocation-ratio", defaultValue = "4.0")
    double cpuAllocationRatio;

    /** Local disk for microVM root filesystems of hosts whose agent reports none. */
    @ConfigProperty(name = "edgefleet.placement.host-disk-gib", defaultValue = "1800")
    long hostDiskGib;

    @jakarta.inject.Inject
    AllocationStore allocations;

    /** The site with its allocations and host generations, or empty if no agent reported it yet. */
    public Optional<SiteSnapshot> load(Connection tx, String siteId) throws SQLException {
        long planVersion;
        try (PreparedStatement ps = tx.prepareStatement("select plan_version from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                planVersion = rs.getLong(1);
            }
        }
        List<Host> hosts = new ArrayList<>();
        Map<String, Long> generations = new HashMap<>();
        try (PreparedStatement ps = tx.prepareStatement(
                "select host_id, failure_domain, state, capabilities, numa_nodes, reserved_cores,"
                        + " reserved_memory_mib, cpu_allocation_ratio, disk_gib, generation"
                        + " from host where site_id = ? order by host_id")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(new Host(rs.getString(1), rs.getString(2), HostState.valueOf(rs.getString(3)),
                            new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(4).getArray())),
                            readNuma(rs.getString(5)), new SystemReserve(rs.getInt(6), rs.getLong(7)),
                            rs.getDouble(8), rs.getLong(9)));
                    generations.put(rs.getString(1), rs.getLong(10));
                }
            }
        }
        Site site = new Site(siteId, hosts);
        Map<String, AllocationDetail> details = new HashMap<>();
        List<io.edgefleet.placement.engine.model.Allocation> held = allocations.forSite(tx, siteId, details);
        return Optional.of(new SiteSnapshot(site, held, details, generations, planVersion));
    }

    /** Records a heartbeat: the site, its hosts' capacity and state as the agent measured them. */
    public void recordHeartbeat(Connection tx, AgentHeartbeat heartbeat) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into site (site_id, agent_version, heartbeat_interval_s, last_heartbeat_at)"
                        + " values (?, ?, ?, ?) on conflict (site_id) do update set"
                        + " agent_version = excluded.agent_version,"
                        + " heartbeat_interval_s = excluded.heartbeat_interval_s,"
                        + " last_heartbeat_at = greatest(site.last_heartbeat_at, excluded.last_heartbeat_at)")) {
            ps.setString(1, heartbeat.siteId());
            ps.setString(2, heartbeat.agentVersion());
            ps.setInt(3, heartbeat.intervalSeconds());
            ps.setTimestamp(4, Timestamp.from(heartbeat.sentAt()));
            ps.executeUpdate();
        }
        // Capacity or state changes bump the generation too: a decision taken on the old capacity must
        // not commit. A host we marked DOWN for silence comes back READY with its next heartbeat.
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into host (site_id, host_id, failure_domain, state, capabilities, numa_nodes,"
                        + " reserved_cores, reserved_memory_mib, cpu_allocation_ratio, disk_gib, last_seen_at)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
                        + " on conflict (site_id, host_id) do update set"
                        + " failure_domain = excluded.failure_domain, state = excluded.state,"
                        + " capabilities = excluded.capabilities, numa_nodes = excluded.numa_nodes,"
                        + " reserved_cores = excluded.reserved_cores, reserved_memory_mib = excluded.reserved_memory_mib,"
                        + " cpu_allocation_ratio = excluded.cpu_allocation_ratio, disk_gib = excluded.disk_gib,"
                        + " last_seen_at = greatest(host.last_seen_at, excluded.last_seen_at),"
                        + " generation = host.generation + case when"
                        + " (host.failure_domain, host.state, host.capabilities, host.numa_nodes,"
                        + " host.reserved_cores, host.reserved_memory_mib, host.cpu_allocation_ratio, host.disk_gib)"
                        + " is distinct from (excluded.failure_domain, excluded.state, excluded.capabilities,"
                        + " excluded.numa_nodes, excluded.reserved_cores, excluded.reserved_memory_mib,"
                        + " excluded.cpu_allocation_ratio, excluded.disk_gib) then 1 else 0 end"
                        + " where excluded.last_seen_at >= coalesce(host.last_seen_at, excluded.last_seen_at)")) {
            // Host rows are locked in host-id order, the order every other writer uses (no deadlock).
            List<HostInventory> sorted = heartbeat.hosts().stream()
                    .sorted(java.util.Comparator.comparing(HostInventory::hostId)).toList();
            for (HostInventory host : sorted) {
                ps.setString(1, heartbeat.siteId());
                ps.setString(2, host.hostId());
                ps.setString(3, host.failureDomain());
                ps.setString(4, host.state().name());
                ps.setArray(5, tx.createArrayOf("text", host.capabilities().toArray()));
                ps.setString(6, numaJson(host.numaNodes()));
                ps.setInt(7, host.reservedCores());
                ps.setLong(8, host.reservedMemoryMib());
                ps.setDouble(9, host.cpuAllocationRatio() == null ? cpuAllocationRatio : host.cpuAllocationRatio());
                ps.setLong(10, host.diskGib() == null || host.diskGib() == 0 ? hostDiskGib : host.diskGib());
                ps.setTimestamp(11, Timestamp.from(heartbeat.sentAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Checks and bumps the generation of every host whose allocations this transaction changed.
     *
     * @throws ConcurrentAllocationException when another writer got there first
     */
    public void claimHosts(Connection tx, SiteSnapshot snapshot, Iterable<String> hostIds)
            throws SQLException, ConcurrentAllocationException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update host set generation = generation + 1"
                        + " where site_id = ? and host_id = ? and generation = ?")) {
            for (String hostId : new java.util.TreeSet<String>((java.util.Collection<String>) toList(hostIds))) {
                ps.setString(1, snapshot.site().id());
                ps.setString(2, hostId);
                ps.setLong(3, snapshot.generations().get(hostId));
                if (ps.executeUpdate() != 1) {
                    throw new ConcurrentAllocationException(snapshot.site().id(), hostId);
                }
            }
        }
    }

    /**
     * Marks DOWN every host that no heartbeat listed for {@code factor} times its site's heartbeat
     * interval, counting silence only from {@code watchingSince} on (when this service started
     * watching): a heartbeat older than that says nothing about a silence the service did not see,
     * so a restart never declares healthy sites dead before they had {@code factor} intervals to
     * report again. Returns "site/host" of each host marked. Bumps the generation: decisions in
     * flight that counted on the host roll back.
     */
    public List<String[]> markSilentHostsDown(Connection tx, double factor, java.time.Instant watchingSince)
            throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement("update host h set state = 'DOWN', generation = h.generation + 1"
                + " from site s where s.site_id = h.site_id and h.state <> 'DOWN'"
                + " and greatest(h.last_seen_at, ?) < now() - make_interval(secs => ? * s.heartbeat_interval_s)"
                + " returning h.site_id, h.host_id")) {
            ps.setTimestamp(1, Timestamp.from(watchingSince));
            ps.setDouble(2, factor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    /** Sites with a DOWN host that still holds allocations: they need an evacuation. */
    public List<String> sitesWithDownHostsHolding(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct h.site_id from host h"
                + " where h.state = 'DOWN' and exists (select 1 from allocation a"
                + " where a.site_id = h.site_id and a.host_id = h.host_id)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Locks the site's row for this transaction, or returns false at once if another replica holds
     * it: lifecycle work on one site runs in one replica at a time.
     */
    public boolean tryLock(Connection tx, String siteId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "select 1 from site where site_id = ? for update skip locked")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Sets a host's state as its agent reported it; a change bumps its generation. */
    public boolean setHostState(Connection tx, String siteId, String hostId, String state) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update host set state = ?, generation = generation + 1"
                + " where site_id = ? and host_id = ? and state <> ?")) {
            ps.setString(1, state);
            ps.setString(2, siteId);
            ps.setString(3, hostId);
            ps.setString(4, state);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<String> toList(Iterable<String> ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(out::add);
        return out;
    }

    /** Takes the next plan version of a site. */
    public long nextPlanVersion(Connection tx, String siteId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update site set plan_version = plan_version + 1 where site_id = ? returning plan_version")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Known sites with their host count and last heartbeat, for operators and readiness checks. */
    public List<SiteSummary> summaries(Connection c) throws SQLException {
        List<SiteSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select s.site_id, s.agent_version, s.last_heartbeat_at, s.plan_version, count(h.host_id)"
                        + " from site s left join host h on h.site_id = s.site_id"
                        + " group by s.site_id order by s.site_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp beat = rs.getTimestamp(3);
                out.add(new SiteSummary(rs.getString(1), rs.getString(2),
                        beat == null ? null : beat.toInstant(), rs.getLong(4), rs.getInt(5)));
            }
        }
        return out;
    }

    private static String numaJson(List<NumaInventory> nodes) {
        // Agents report a node's whole memory (as the kernel's MemTotal does); the engine books
        // hugepages as their own pool, so its normal-page memory excludes them.
        List<NumaNode> engineNodes = nodes.stream()
                .map(n -> new NumaNode(n.index(), n.cores(), Math.max(0, n.memoryMib() - n.hugepages1Gi() * 1024L),
                        n.hugepages1Gi(), n.vfsByPhysnet()))
                .toList();
        try {
            return JSON.writeValueAsString(engineNodes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("NUMA nodes are plain values and always serialise", e);
        }
    }

    /**
     * Parsed numa_nodes columns by their text. A fleet has few distinct NUMA layouts and every batch
     * reads the hosts of its sites again, so parsing each one once saves most of a site load's CPU.
     * The lists are immutable; the cache is emptied when it grows past {@value #NUMA_CACHE_LIMIT}.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, List<NumaNode>> NUMA_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int NUMA_CACHE_LIMIT = 10_000;

    private static List<NumaNode> readNuma(String json) throws SQLException {
        List<NumaNode> cached = NUMA_CACHE.get(json);
        if (cached != null) {
            return cached;
        }
        try {
            List<NumaNode> parsed = List.copyOf(JSON.readValue(json, NUMA_LIST));
            if (NUMA_CACHE.size() >= NUMA_CACHE_LIMIT) {
                NUMA_CACHE.clear();
            }
            NUMA_CACHE.put(json, parsed);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable numa_nodes column: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #load} for many sites with three statements; unknown sites are absent from the map. */
    public Map<String, SiteSnapshot> loadAll(Connection tx, java.util.Collection<String> siteIds) throws SQLException {
        Map<String, SiteSnapshot> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        Map<String, Long> planVersions = new HashMap<>();
        try (PreparedStatement ps = tx.prepareStatement("select site_id, plan_version from site where site_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    planVersions.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        if (planVersions.isEmpty()) {
            return out;
        }
        Map<String, List<Host>> hosts = new HashMap<>();
        Map<String, Map<String, Long>> generations = new HashMap<>();
        for (String s : planVersions.keySet()) {
            hosts.put(s, new ArrayList<>());
            generations.put(s, new HashMap<>());
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "select host_id, failure_domain, state, capabilities, numa_nodes, reserved_cores,"
                        + " reserved_memory_mib, cpu_allocation_ratio, disk_gib, generation, site_id"
                        + " from host where site_id = any (?) order by site_id, host_id")) {
            ps.setArray(1, tx.createArrayOf("text", planVersions.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String siteId = rs.getString(11);
                    hosts.get(siteId).add(new Host(rs.getString(1), rs.getString(2), HostState.valueOf(rs.getString(3)),
                            new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(4).getArray())),
                            readNuma(rs.getString(5)), new SystemReserve(rs.getInt(6), rs.getLong(7)),
                            rs.getDouble(8), rs.getLong(9)));
                    generations.get(siteId).put(rs.getString(1), rs.getLong(10));
                }
            }
        }
        Map<String, Map<String, AllocationDetail>> details = new HashMap<>();
        Map<String, List<io.edgefleet.placement.engine.model.Allocation>> held =
                allocations.forSites(tx, planVersions.keySet(), details);
        for (Map.Entry<String, Long> e : planVersions.entrySet()) {
            String siteId = e.getKey();
            out.put(siteId, new SiteSnapshot(new Site(siteId, hosts.get(siteId)), held.get(siteId),
                    details.get(siteId), generations.get(siteId), e.getValue()));
        }
        return out;
    }

    /**
     * Takes the next plan version of each of these sites in one statement, locking the site rows in
     * id order (the order every writer locks in). Returns the new version by site id.
     */
    public Map<String, Long> nextPlanVersions(Connection tx, java.util.Collection<String> siteIds) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("update site s set plan_version = s.plan_version + 1"
                + " from (select site_id from site where site_id = any (?) order by site_id for update) l"
                + " where s.site_id = l.site_id returning s.site_id, s.plan_version")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The hosts of one site a batch changed, and the snapshot whose generations it read them at. */
    public record HostClaim(SiteSnapshot snapshot, java.util.Collection<String> hostIds) {
    }

    /**
     * {@link #claimHosts} for many sites with one JDBC batch, sites in id order and each site's
     * hosts in id order.
     *
     * @throws ConcurrentAllocationException when another writer got to any of these hosts first
     */
    public void claimAll(Connection tx, List<HostClaim> claims) throws SQLException, ConcurrentAllocationException {
        List<HostClaim> bySite = new ArrayList<>(claims);
        bySite.sort(java.util.Comparator.comparing(c -> c.snapshot().site().id()));
        List<String[]> claimed = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement(
                "update host set generation = generation + 1"
                        + " where site_id = ? and host_id = ? and generation = ?")) {
            for (HostClaim claim : bySite) {
                SiteSnapshot snapshot = claim.snapshot();
                for (String hostId : new java.util.TreeSet<>(claim.hostIds())) {
                    ps.setString(1, snapshot.site().id());
                    ps.setString(2, hostId);
                    ps.setLong(3, snapshot.generations().get(hostId));
                    ps.addBatch();
                    claimed.add(new String[] {snapshot.site().id(), hostId});
                }
            }
            if (claimed.isEmpty()) {
                return;
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    throw new ConcurrentAllocationException(claimed.get(i)[0], claimed.get(i)[1]);
                }
            }
        }
    }
}
