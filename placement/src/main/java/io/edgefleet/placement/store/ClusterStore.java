package io.edgefleet.placement.store;

import io.edgefleet.events.outcome.ClusterStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Collection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Clusters and their lifecycle status. */
@ApplicationScoped
public class ClusterStore {
    private static final String COLUMNS =
            "cluster_id, team, site_id, kubernetes_version, spec::text, status, reason, expires_at, init_microvm_id";

    public Optional<ClusterRow> find(Connection tx, String clusterId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select " + COLUMNS + " from cluster where cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public void insert(Connection tx, ClusterRow row) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into cluster (cluster_id, team, site_id, kubernetes_version, spec, status, reason, expires_at,"
                        + " init_microvm_id) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
            ps.setString(1, row.clusterId());
            ps.setString(2, row.team());
            ps.setString(3, row.siteId());
            ps.setString(4, row.kubernetesVersion());
            ps.setString(5, row.spec());
            ps.setString(6, row.status().name());
            ps.setString(7, row.reason());
            ps.setTimestamp(8, row.expiresAt() == null ? null : Timestamp.from(row.expiresAt()));
            ps.setString(9, row.initMicroVmId());
            ps.executeUpdate();
        }
    }

    /** Moves a cluster to {@code status}; returns false when it already was there (nothing to announce). */
    public boolean updateStatus(Connection tx, String clusterId, ClusterStatus status, String reason)
            throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update cluster set status = ?, reason = ?, updated_at = now()"
                        + " where cluster_id = ? and status <> ?")) {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setString(3, clusterId);
            ps.setString(4, status.name());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Moves a cluster to {@code to} only from one of the {@code from} states, so a late or
     * replayed report never revives a deleted cluster. Returns whether it moved.
     */
    public boolean transition(Connection tx, String clusterId, List<ClusterStatus> from, ClusterStatus to,
                              String reason) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update cluster set status = ?, reason = ?, updated_at = now()"
                        + " where cluster_id = ? and status = any (?)")) {
            ps.setString(1, to.name());
            ps.setString(2, reason);
            ps.setString(3, clusterId);
            ps.setArray(4, tx.createArrayOf("text", from.stream().map(Enum::name).toArray()));
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the stored request (e.g. the worker count after a scale). */
    public void updateSpec(Connection tx, String clusterId, String spec) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update cluster set spec = ?::jsonb, updated_at = now() where cluster_id = ?")) {
            ps.setString(1, spec);
            ps.setString(2, clusterId);
            ps.executeUpdate();
        }
    }

    /** Live clusters whose TTL ran out, oldest first: (cluster id, site id). */
    public List<String[]> expired(Connection c, int limit) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select cluster_id, site_id from cluster"
                + " where expires_at <= now() and status not in ('DELETED', 'FAILED')"
                + " order by expires_at limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    private static ClusterRow read(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp(8);
        return new ClusterRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                ClusterStatus.valueOf(rs.getString(6)), rs.getString(7), expires == null ? null : expires.toInstant(),
                rs.getString(9));
    }

    /** The rows of any of these cluster ids, by id: one round trip. */
    public Map<String, ClusterRow> findAll(Connection tx, Collection<String> clusterIds) throws SQLException {
        Map<String, ClusterRow> out = new HashMap<>();
        if (clusterIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select " + COLUMNS + " from cluster where cluster_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", clusterIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClusterRow row = read(rs);
                    out.put(row.clusterId(), row);
                }
            }
        }
        return out;
    }

    /**
     * The live (neither DELETED nor FAILED) clusters of each site, in id order, as plans need them;
     * every site asked for has an entry. Served by the partial index {@code cluster_live_site}, so
     * the cost follows the live clusters, not every cluster the site ever had.
     */
    public Map<String, List<LiveCluster>> liveOnSites(Connection tx, Collection<String> siteIds) throws SQLException {
        Map<String, List<LiveCluster>> out = new HashMap<>();
        for (String s : siteIds) {
            out.put(s, new ArrayList<>());
        }
        if (siteIds.isEmpty()) {
            return out;
        }
        // An upgrade not DONE (ADR 0030) gives some of the cluster's microVMs its target version.
        try (PreparedStatement ps = tx.prepareStatement("select c.cluster_id, c.team, c.site_id, c.kubernetes_version,"
                + " c.init_microvm_id, u.to_version, u.upgraded_holders from cluster c left join cluster_upgrade u"
                + " on u.cluster_id = c.cluster_id and u.state <> 'DONE'"
                + " where c.site_id = any (?) and c.status not in ('DELETED', 'FAILED') order by c.cluster_id")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array rolled = rs.getArray(7);
                    LiveCluster row = new LiveCluster(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6),
                            rolled == null ? Set.of() : Set.of((String[]) rolled.getArray()));
                    out.computeIfAbsent(row.siteId(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return out;
    }

    /** Inserts new clusters with one JDBC batch, in the given order. */
    public void insertAll(Connection tx, Collection<ClusterRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into cluster (cluster_id, team, site_id, kubernetes_version, spec, status, reason, expires_at,"
                        + " init_microvm_id) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
            for (ClusterRow row : rows) {
                ps.setString(1, row.clusterId());
                ps.setString(2, row.team());
                ps.setString(3, row.siteId());
                ps.setString(4, row.kubernetesVersion());
                ps.setString(5, row.spec());
                ps.setString(6, row.status().name());
                ps.setString(7, row.reason());
                ps.setTimestamp(8, row.expiresAt() == null ? null : Timestamp.from(row.expiresAt()));
                ps.setString(9, row.initMicroVmId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A change of an existing cluster decided in memory: its new status, reason and spec, written
     * only if its status is still one of {@code expected} (null: any status).
     */
    public record Change(ClusterRow row, List<ClusterStatus> expected) {
    }

    /**
     * Writes many changes with one statement. Rows are given in (site, cluster) order, and with so
     * few rows the join walks them in that order, the order request batches have always locked
     * clusters in; report batches lock one cluster at a time in their own order, so a deadlock with
     * them stays possible, as before, and ends in a retry.
     *
     * @throws ConcurrentAllocationException when a cluster's status moved meanwhile (another writer)
     */
    public void applyAll(Connection tx, Collection<Change> changes) throws SQLException, ConcurrentAllocationException {
        if (changes.isEmpty()) {
            return;
        }
        int n = changes.size();
        String[] ids = new String[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        String[] specs = new String[n];
        String[] expected = new String[n];
        int i = 0;
        for (Change c : changes) {
            ids[i] = c.row().clusterId();
            statuses[i] = c.row().status().name();
            reasons[i] = c.row().reason();
            specs[i] = c.row().spec();
            // Statuses are enum names: a comma-separated list is a safe one-dimensional stand-in.
            expected[i] = c.expected() == null ? null
                    : String.join(",", c.expected().stream().map(Enum::name).toList());
            i++;
        }
        Set<String> written = new HashSet<>();
        try (PreparedStatement ps = tx.prepareStatement("update cluster c set status = u.status, reason = u.reason,"
                + " spec = u.spec::jsonb, updated_at = now()"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " u(cluster_id, status, reason, spec, expected)"
                + " where c.cluster_id = u.cluster_id"
                + " and (u.expected is null or c.status = any (string_to_array(u.expected, ',')))"
                + " returning c.cluster_id")) {
            ps.setArray(1, tx.createArrayOf("text", ids));
            ps.setArray(2, tx.createArrayOf("text", statuses));
            ps.setArray(3, tx.createArrayOf("text", reasons));
            ps.setArray(4, tx.createArrayOf("text", specs));
            ps.setArray(5, tx.createArrayOf("text", expected));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
        }
        for (String id : ids) {
            if (!written.contains(id)) {
                throw new ConcurrentAllocationException("cluster " + id + " changed concurrently");
            }
        }
    }
}
