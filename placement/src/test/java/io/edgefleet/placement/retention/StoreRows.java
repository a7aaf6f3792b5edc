package io.edgefleet.placement.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Rows written straight into placement's tables, aged as a test needs, and reads of what is left. The
 * site announces a one-day heartbeat interval, so the lifecycle sweep never finds its host silent (and
 * never moves what it holds) while a test runs.
 */
final class StoreRows {
    private final DataSource dataSource;

    StoreRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void site(String siteId, String hostId) throws SQLException {
        update("insert into site (site_id, heartbeat_interval_s, last_heartbeat_at) values (?, 86400, now())", siteId);
        update("insert into host (site_id, host_id, failure_domain, state, capabilities, numa_nodes, reserved_cores,"
                + " reserved_memory_mib, cpu_allocation_ratio, disk_gib, last_seen_at) values (?, ?, 'rack-1', 'READY',"
                + " '{microvm}', '[]'::jsonb, 2, 4096, 4.0, 1800, now())", siteId, hostId);
    }

    /** A cluster in {@code status} whose last change (and creation) was {@code daysAgo} days ago. */
    void cluster(String clusterId, String siteId, String status, int daysAgo) throws SQLException {
        update("insert into cluster (cluster_id, team, site_id, kubernetes_version, spec, status, created_at,"
                + " updated_at) values (?, 'team-r', ?, '1.31.2', '{}'::jsonb, ?, now() - make_interval(days => ?),"
                + " now() - make_interval(days => ?))", clusterId, siteId, status, daysAgo, daysAgo);
    }

    void networkFunction(String nfId, String siteId, String clusterId, String status, int daysAgo)
            throws SQLException {
        update("insert into network_function (nf_id, team, site_id, cluster_id, kind, spec, status, created_at,"
                + " updated_at) values (?, 'team-r', ?, ?, 'UPF', '{}'::jsonb, ?, now() - make_interval(days => ?),"
                + " now() - make_interval(days => ?))", nfId, siteId, clusterId, status, daysAgo, daysAgo);
    }

    /** One holder on the host: {@code kind} CONTROL_PLANE (with a microVM id) or NF_REPLICA. */
    void allocation(String holderId, String kind, String ownerId, String clusterId, String siteId, String hostId)
            throws SQLException {
        update("insert into allocation (holder_id, kind, owner_id, team, site_id, host_id, numa_node, vcpu,"
                + " pinned_cores, memory_mib, hugepages, vfs, disk_gib, microvm_id, cluster_id) values (?, ?, ?,"
                + " 'team-r', ?, ?, 0, 2, 0, 4096, 0, '{}'::jsonb, 20, ?, ?)", holderId, kind, ownerId, siteId, hostId,
                "NF_REPLICA".equals(kind) ? null : holderId.replace('/', '-'), clusterId);
    }

    void retiring(String microVmId, String siteId, String clusterId, String hostId, String replacedBy)
            throws SQLException {
        update("insert into retiring_microvm (microvm_id, site_id, cluster_id, role, host_id, vcpu, memory_mib,"
                + " disk_gib, replaced_by) values (?, ?, ?, 'CONTROL_PLANE', ?, 2, 4096, 20, ?)",
                microVmId, siteId, clusterId, hostId, replacedBy);
    }

    void secret(String clusterId, String siteId) throws SQLException {
        update("insert into cluster_secret (cluster_id, site_id, team, key_id, secrets) values (?, ?, 'team-r', 'k1',"
                + " '\\x00'::bytea)", clusterId, siteId);
    }

    void vip(String siteId, long address, String clusterId) throws SQLException {
        update("insert into microvm_address (site_id, ip_address, vip_cluster_id) values (?, ?, ?)",
                siteId, address, clusterId);
    }

    void request(String requestId, int daysAgo) throws SQLException {
        update("insert into request (request_id, kind, outcome_type, outcome, received_at) values (?,"
                + " 'CLUSTER_CREATE', 'io.edgefleet.request.accepted.v1', '{}', now() - make_interval(days => ?))",
                requestId, daysAgo);
    }

    /** Whether {@code table} has a row whose {@code column} is {@code value}. */
    boolean exists(String table, String column, Object value) throws SQLException {
        return count("select count(*) from " + table + " where " + column + " = ?", value) > 0;
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
