package io.edgefleet.placement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Sites and hosts: what agents report, and the per-host generation that guards allocations.
 * Heartbeats and silence: {@link HeartbeatStore}, {@link Liveness}.
 */
@ApplicationScoped
public class SiteStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<NumaNode>> NUMA_LIST = new TypeReference<>() {
    };

    @jakarta.inject.Inject
    AllocationStore allocations;

    /** The working state of sites between batches (see {@link SiteStateCache}). */
    private final SiteStateCache cache = new SiteStateCache(20_000);

    /** The site with its allocations and host generations, or empty if no agent reported it yet. */
    public Optional<SiteSnapshot> load(Connection tx, String siteId) throws SQLException {
        return Optional.ofNullable(loadAll(tx, List.of(siteId)).get(siteId));
    }

    public SiteStateCache cache() {
        return cache;
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
        try (PreparedStatement ps = tx.prepareStatement("update host set state = ?, generation = generation + 1,"
                // The host agent's recorded inventory no longer describes the row (ADR 0019).
                + " agent_inventory_hash = null, agent_inventory_digest = null"
                + " where site_id = ? and host_id = ? and state <> ?")) {
            ps.setString(1, state);
            ps.setString(2, siteId);
            ps.setString(3, hostId);
            ps.setString(4, state);
            return ps.executeUpdate() == 1;
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

    /**
     * {@link #load} for many sites: their counters with one statement, then, for the sites whose
     * state is not in the cache at those counters, hosts and allocations with one statement each.
     * Unknown sites are absent from the map. Nothing read here enters the cache: the caller hands
     * the states to {@link SiteStateCache#remember} once its transaction committed.
     */
    public Map<String, SiteSnapshot> loadAll(Connection tx, java.util.Collection<String> siteIds) throws SQLException {
        Map<String, SiteSnapshot> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        Map<String, Versions> missing = new HashMap<>();
        try (PreparedStatement ps = tx.prepareStatement(
                "select site_id, plan_version, hosts_version from site where site_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String siteId = rs.getString(1);
                    Versions versions = new Versions(rs.getLong(2), rs.getLong(3));
                    Optional<SiteSnapshot> cached = cache.get(siteId, versions.plan(), versions.hosts());
                    if (cached.isPresent()) {
                        out.put(siteId, cached.get());
                    } else {
                        missing.put(siteId, versions);
                    }
                }
            }
        }
        out.putAll(readFromDatabase(tx, missing));
        return out;
    }

    /** Reads hosts and allocations of these sites, labelled with the counters read just before. */
    public Map<String, SiteSnapshot> readFromDatabase(Connection tx, Map<String, Versions> sites) throws SQLException {
        Map<String, SiteSnapshot> out = new HashMap<>();
        if (sites.isEmpty()) {
            return out;
        }
        Map<String, List<Host>> hosts = new HashMap<>();
        Map<String, Map<String, Long>> generations = new HashMap<>();
        for (String s : sites.keySet()) {
            hosts.put(s, new ArrayList<>());
            generations.put(s, new HashMap<>());
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "select host_id, failure_domain, state, capabilities, numa_nodes, reserved_cores,"
                        + " reserved_memory_mib, cpu_allocation_ratio, disk_gib, generation, site_id"
                        + " from host where site_id = any (?) order by site_id, host_id")) {
            ps.setArray(1, tx.createArrayOf("text", sites.keySet().toArray()));
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
                allocations.forSites(tx, sites.keySet(), details);
        for (Map.Entry<String, Versions> e : sites.entrySet()) {
            String siteId = e.getKey();
            out.put(siteId, new SiteSnapshot(new Site(siteId, hosts.get(siteId)), held.get(siteId),
                    details.get(siteId), generations.get(siteId), e.getValue().plan(), e.getValue().hosts(), null));
        }
        return out;
    }

    /** A site row's two counters: its plan version and the version of its host rows. */
    public record Versions(long plan, long hosts) {
    }

    /**
     * Takes the next plan version of each of these sites in one statement, locking the site rows in
     * id order (the order every writer locks in). Returns the new plan version, and the hosts
     * version that goes with it, by site id.
     */
    public Map<String, Versions> nextPlanVersions(Connection tx, java.util.Collection<String> siteIds) throws SQLException {
        Map<String, Versions> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("update site s set plan_version = s.plan_version + 1"
                + " from (select site_id from site where site_id = any (?) order by site_id for update) l"
                + " where s.site_id = l.site_id returning s.site_id, s.plan_version, s.hosts_version")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Versions(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** The hosts of one site a batch changed, and the snapshot whose generations it read them at. */
    public record HostClaim(SiteSnapshot snapshot, java.util.Collection<String> hostIds) {
    }

    /**
     * Checks and bumps the generation of every host whose allocations this transaction changed, for
     * many sites with one statement. The order in which it locks the host rows does not matter: the
     * caller holds the row lock of every site involved, and every writer of host rows takes its
     * site's row lock first (ADR 0011), so nobody else can be holding or waiting for these rows.
     *
     * @throws ConcurrentAllocationException when another writer got to any of these hosts first
     */
    public void claimAll(Connection tx, List<HostClaim> claims) throws SQLException, ConcurrentAllocationException {
        List<String> siteIds = new ArrayList<>();
        List<String> hostIds = new ArrayList<>();
        List<Long> generations = new ArrayList<>();
        for (HostClaim claim : claims) {
            SiteSnapshot snapshot = claim.snapshot();
            for (String hostId : new java.util.TreeSet<>(claim.hostIds())) {
                siteIds.add(snapshot.site().id());
                hostIds.add(hostId);
                generations.add(snapshot.generations().get(hostId));
            }
        }
        if (siteIds.isEmpty()) {
            return;
        }
        java.util.Set<List<String>> bumped = new java.util.HashSet<>();
        try (PreparedStatement ps = tx.prepareStatement("update host h set generation = h.generation + 1"
                + " from unnest(?::text[], ?::text[], ?::bigint[]) c(site_id, host_id, generation)"
                + " where h.site_id = c.site_id and h.host_id = c.host_id and h.generation = c.generation"
                + " returning h.site_id, h.host_id")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            ps.setArray(2, tx.createArrayOf("text", hostIds.toArray()));
            ps.setArray(3, tx.createArrayOf("bigint", generations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bumped.add(List.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        for (int i = 0; i < siteIds.size(); i++) {
            if (!bumped.contains(List.of(siteIds.get(i), hostIds.get(i)))) {
                throw new ConcurrentAllocationException(siteIds.get(i), hostIds.get(i));
            }
        }
    }
}
