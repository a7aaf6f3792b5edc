package io.edgefleet.placement.secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code cluster_secret} table: one encrypted box of secrets per live cluster, with what its last
 * published sealing was made for. Each call is one short statement on the caller's connection (autocommit):
 * nothing is held open across a Kafka send.
 */
final class ClusterSecretStore {
    private ClusterSecretStore() {
    }

    /** A cluster as the issuer needs it: who owns it and where it runs. */
    record ClusterRef(String clusterId, String siteId, String team) {
    }

    /** A stored row: its encrypted box and its last acknowledged sealing. */
    record StoredSecret(String clusterId, String siteId, String team, String keyId, byte[] box,
                        String recipientsDigest, long generation) {
    }

    /**
     * Live clusters (neither DELETED nor FAILED) that have no secrets yet, NEWEST first: a cluster created now
     * has a team waiting for it, while a backlog (secrets switched on over a fleet of running clusters, whose
     * control planes already run) can be worked off behind it. At thousands of clusters the backlog takes
     * minutes; oldest-first made every new cluster wait for all of it.
     */
    static List<ClusterRef> liveWithoutSecrets(Connection c, int limit) throws SQLException {
        return refs(c, "select c.cluster_id, c.site_id, c.team from cluster c"
                + " where c.status not in ('DELETED', 'FAILED')"
                + " and not exists (select 1 from cluster_secret s where s.cluster_id = c.cluster_id)"
                + " order by c.created_at desc, c.cluster_id limit ?", limit);
    }

    /** Rows whose cluster ended (DELETED or FAILED) or is unknown: their secrets must go. */
    static List<ClusterRef> ofEndedClusters(Connection c, int limit) throws SQLException {
        return refs(c, "select s.cluster_id, s.site_id, s.team from cluster_secret s"
                + " left join cluster c on c.cluster_id = s.cluster_id"
                + " where c.cluster_id is null or c.status in ('DELETED', 'FAILED')"
                + " order by s.cluster_id limit ?", limit);
    }

    /**
     * Stores a new box unless the cluster has one already (another replica was first); returns whether this
     * one was stored.
     */
    static boolean insertIfAbsent(Connection c, ClusterRef cluster, String keyId, byte[] box) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into cluster_secret (cluster_id, site_id, team, key_id,"
                + " secrets) values (?, ?, ?, ?, ?) on conflict (cluster_id) do nothing")) {
            ps.setString(1, cluster.clusterId());
            ps.setString(2, cluster.siteId());
            ps.setString(3, cluster.team());
            ps.setString(4, keyId);
            ps.setBytes(5, box);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Rows to look at for sealing, in id order after {@code afterClusterId} (keyset paging): every row when
     * {@code everyRow}, else the rows never published and those of the given sites.
     */
    static List<StoredSecret> toCheck(Connection c, boolean everyRow, Collection<String> siteIds,
                                      String afterClusterId, int limit) throws SQLException {
        List<StoredSecret> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select cluster_id, site_id, team, key_id, secrets,"
                + " recipients_digest, generation from cluster_secret"
                + " where (? or recipients_digest is null or site_id = any (?)) and cluster_id > ?"
                + " order by cluster_id limit ?")) {
            ps.setBoolean(1, everyRow);
            ps.setArray(2, c.createArrayOf("text", siteIds.toArray()));
            ps.setString(3, afterClusterId);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredSecret(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5), rs.getString(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    /**
     * Records an acknowledged sealing: generation + 1 and its recipients, only if nobody recorded another
     * since {@code previousGeneration} was read. Returns whether the row was updated.
     */
    static boolean markSealed(Connection c, String clusterId, long previousGeneration, String recipientsDigest)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update cluster_secret set generation = ?, recipients_digest = ?,"
                + " sealed_at = now() where cluster_id = ? and generation = ?")) {
            ps.setLong(1, previousGeneration + 1);
            ps.setString(2, recipientsDigest);
            ps.setString(3, clusterId);
            ps.setLong(4, previousGeneration);
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether the cluster still has a row. */
    static boolean exists(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from cluster_secret where cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void delete(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from cluster_secret where cluster_id = ?")) {
            ps.setString(1, clusterId);
            ps.executeUpdate();
        }
    }

    /** The database's clock: key enrolments are stamped with it, so changes are looked for on it too. */
    static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select now()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp now = rs.getTimestamp(1);
            return now.toInstant();
        }
    }

    private static List<ClusterRef> refs(Connection c, String sql, int limit) throws SQLException {
        List<ClusterRef> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClusterRef(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
