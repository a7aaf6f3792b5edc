package io.edgefleet.placement.store;

import io.edgefleet.events.outcome.NetworkFunctionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.HashMap;
import java.util.Collection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Network functions and their status. */
@ApplicationScoped
public class NetworkFunctionStore {
    private static final String COLUMNS = "nf_id, team, site_id, cluster_id, kind, spec::text, status, reason";
    /**
     * The network functions that still exist on some sites: every one neither DELETED nor FAILED (the
     * partial index's rows), and the FAILED ones that still hold allocations. Those failed by their
     * site's report: their pods may still recover, so they stay in the plan, and they stay deletable
     * (and go with their cluster), which frees what they hold. A FAILED one without allocations was
     * failed by placement (it lost its replicas for good) and is gone. The second part is found from
     * the sites' allocations (indexed by site), so the common query keeps its partial index.
     */
    private static final String LIVE_ON_SITES = "select * from (select " + COLUMNS + " from network_function"
            + " where site_id = any (?) and status not in ('DELETED', 'FAILED')"
            + " union all select " + COLUMNS + " from network_function where status = 'FAILED' and nf_id in"
            + " (select owner_id from allocation where site_id = any (?) and kind = 'NF_REPLICA')) live"
            + " order by nf_id";

    public Optional<NetworkFunctionRow> find(Connection tx, String nfId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select " + COLUMNS + " from network_function where nf_id = ?")) {
            ps.setString(1, nfId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The site's network functions that still exist, in id order. */
    public List<NetworkFunctionRow> liveOnSite(Connection tx, String siteId) throws SQLException {
        List<NetworkFunctionRow> out = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement(LIVE_ON_SITES)) {
            ps.setArray(1, tx.createArrayOf("text", new Object[] {siteId}));
            ps.setArray(2, tx.createArrayOf("text", new Object[] {siteId}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Inserts a new one, or revives a deleted one of the same id. */
    public void upsert(Connection tx, NetworkFunctionRow row) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("insert into network_function (nf_id, team, site_id,"
                + " cluster_id, kind, spec, status, reason) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
                + " on conflict (nf_id) do update set team = excluded.team, site_id = excluded.site_id,"
                + " cluster_id = excluded.cluster_id, kind = excluded.kind, spec = excluded.spec,"
                + " status = excluded.status, reason = excluded.reason, updated_at = now()")) {
            ps.setString(1, row.nfId());
            ps.setString(2, row.team());
            ps.setString(3, row.siteId());
            ps.setString(4, row.clusterId());
            ps.setString(5, row.kind());
            ps.setString(6, row.spec());
            ps.setString(7, row.status().name());
            ps.setString(8, row.reason());
            ps.executeUpdate();
        }
    }

    public void updateStatus(Connection tx, String nfId, NetworkFunctionStatus status, String reason)
            throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update network_function set status = ?, reason = ?, updated_at = now() where nf_id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setString(3, nfId);
            ps.executeUpdate();
        }
    }

    /**
     * Sets status and reason only while the row still has the status and reason the caller read, and
     * only when that changes them; returns whether it did. A concurrent change (a delete, placement
     * failing it) wins: the caller's decision was taken on a row that no longer is.
     */
    public boolean updateStatusIfUnchanged(Connection tx, NetworkFunctionRow read, NetworkFunctionStatus status,
                                           String reason) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update network_function set status = ?, reason = ?,"
                + " updated_at = now() where nf_id = ? and status = ? and reason is not distinct from ?::text"
                + " and (status, reason) is distinct from (?::text, ?::text)")) {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setString(3, read.nfId());
            ps.setString(4, read.status().name());
            ps.setString(5, read.reason());
            ps.setString(6, status.name());
            ps.setString(7, reason);
            return ps.executeUpdate() == 1;
        }
    }

    private static NetworkFunctionRow read(ResultSet rs) throws SQLException {
        return new NetworkFunctionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), NetworkFunctionStatus.valueOf(rs.getString(7)), rs.getString(8));
    }

    /** The rows of any of these ids, by id: one round trip. */
    public Map<String, NetworkFunctionRow> findAll(Connection tx, Collection<String> nfIds) throws SQLException {
        Map<String, NetworkFunctionRow> out = new HashMap<>();
        if (nfIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select " + COLUMNS + " from network_function where nf_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", nfIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NetworkFunctionRow row = read(rs);
                    out.put(row.nfId(), row);
                }
            }
        }
        return out;
    }

    /** The network functions that still exist on these sites, each site's in id order. */
    public Map<String, List<NetworkFunctionRow>> liveOnSites(Connection tx, Collection<String> siteIds)
            throws SQLException {
        Map<String, List<NetworkFunctionRow>> out = new HashMap<>();
        for (String s : siteIds) {
            out.put(s, new ArrayList<>());
        }
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement(LIVE_ON_SITES)) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            ps.setArray(2, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NetworkFunctionRow row = read(rs);
                    out.computeIfAbsent(row.siteId(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return out;
    }
}
