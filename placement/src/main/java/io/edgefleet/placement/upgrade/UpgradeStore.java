package io.edgefleet.placement.upgrade;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cluster_upgrade} rows (V19). The sweeper reads a site's rolling rows {@code for update} in
 * the transaction that holds the site's lock, so a report that notes a READY or a failure meanwhile waits
 * for it and is never overwritten; {@code ready_plan_version} is written by reports only.
 */
@ApplicationScoped
public class UpgradeStore {
    private static final String COLUMNS = "cluster_id, site_id, from_version, to_version, state, phase, step_index,"
            + " control_plane_steps, worker_steps, replaced_holder, new_holder, new_microvm_id, step_plan_version,"
            + " ready_plan_version, step_started_at, upgraded_holders, last_report, failure, reason";

    public Optional<UpgradeRow> find(Connection tx, String clusterId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select " + COLUMNS + " from cluster_upgrade where cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Sites with a roll that still moves. */
    public List<String> rollingSites(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select distinct site_id from cluster_upgrade where state = 'ROLLING' order by site_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The site's rolling rows, locked until the transaction ends. */
    public List<UpgradeRow> rollingOnSite(Connection tx, String siteId) throws SQLException {
        List<UpgradeRow> out = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement("select " + COLUMNS + " from cluster_upgrade"
                + " where site_id = ? and state = 'ROLLING' order by cluster_id for update")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** A new roll, replacing the cluster's earlier one (a resumed roll keeps its upgraded holders in {@code row}). */
    public void start(Connection tx, UpgradeRow row) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("insert into cluster_upgrade (" + COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (cluster_id) do update set site_id = excluded.site_id,"
                + " from_version = excluded.from_version, to_version = excluded.to_version, state = excluded.state,"
                + " phase = excluded.phase, step_index = excluded.step_index,"
                + " control_plane_steps = excluded.control_plane_steps, worker_steps = excluded.worker_steps,"
                + " replaced_holder = excluded.replaced_holder, new_holder = excluded.new_holder,"
                + " new_microvm_id = excluded.new_microvm_id, step_plan_version = excluded.step_plan_version,"
                + " ready_plan_version = excluded.ready_plan_version, step_started_at = excluded.step_started_at,"
                + " upgraded_holders = excluded.upgraded_holders, last_report = excluded.last_report,"
                + " failure = excluded.failure, reason = excluded.reason, requested_at = now(), updated_at = now()")) {
            ps.setString(1, row.clusterId());
            ps.setString(2, row.siteId());
            ps.setString(3, row.fromVersion());
            ps.setString(4, row.toVersion());
            ps.setString(5, row.state());
            ps.setString(6, row.phase());
            ps.setInt(7, row.stepIndex());
            ps.setInt(8, row.controlPlaneSteps());
            ps.setInt(9, row.workerSteps());
            ps.setString(10, row.replacedHolder());
            ps.setString(11, row.newHolder());
            ps.setString(12, row.newMicroVmId());
            setLong(ps, 13, row.stepPlanVersion());
            setLong(ps, 14, row.readyPlanVersion());
            ps.setTimestamp(15, row.stepStartedAt() == null ? null : Timestamp.from(row.stepStartedAt()));
            ps.setArray(16, tx.createArrayOf("text", row.upgradedHolders().toArray()));
            ps.setString(17, row.lastReport());
            ps.setString(18, row.failure());
            ps.setString(19, row.reason());
            ps.executeUpdate();
        }
    }

    /** Writes what the sweeper decided: every column but {@code ready_plan_version}, which reports own. */
    public void update(Connection tx, UpgradeRow row) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster_upgrade set state = ?, phase = ?,"
                + " step_index = ?, replaced_holder = ?, new_holder = ?, new_microvm_id = ?, step_plan_version = ?,"
                + " step_started_at = ?, upgraded_holders = ?, last_report = ?, failure = ?, reason = ?,"
                + " updated_at = now() where cluster_id = ?")) {
            ps.setString(1, row.state());
            ps.setString(2, row.phase());
            ps.setInt(3, row.stepIndex());
            ps.setString(4, row.replacedHolder());
            ps.setString(5, row.newHolder());
            ps.setString(6, row.newMicroVmId());
            setLong(ps, 7, row.stepPlanVersion());
            ps.setTimestamp(8, row.stepStartedAt() == null ? null : Timestamp.from(row.stepStartedAt()));
            ps.setArray(9, tx.createArrayOf("text", row.upgradedHolders().toArray()));
            ps.setString(10, row.lastReport());
            ps.setString(11, row.failure());
            ps.setString(12, row.reason());
            ps.setString(13, row.clusterId());
            ps.executeUpdate();
        }
    }

    /**
     * The plan this transaction wrote for the site is the first that carries these clusters' new steps. Called
     * after the site's plan was written, in the same transaction.
     */
    public void stepPlanned(Connection tx, String siteId, Collection<String> clusterIds) throws SQLException {
        if (clusterIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("update cluster_upgrade set step_plan_version ="
                + " (select plan_version from site where site_id = ?) where cluster_id = any (?)")) {
            ps.setString(1, siteId);
            ps.setArray(2, tx.createArrayOf("text", clusterIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** A READY for {@code planVersion}: kept if newer than the one seen. Returns whether a rolling row took it. */
    public boolean readySeen(Connection tx, String clusterId, long planVersion) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster_upgrade set ready_plan_version ="
                + " greatest(coalesce(ready_plan_version, 0), ?) where cluster_id = ? and state = 'ROLLING'")) {
            ps.setLong(1, planVersion);
            ps.setString(2, clusterId);
            return ps.executeUpdate() == 1;
        }
    }

    /** What the agent said while the cluster was not READY, shown if the step times out. */
    public void reported(Connection tx, String clusterId, String what) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster_upgrade set last_report = ?"
                + " where cluster_id = ? and state = 'ROLLING' and last_report is distinct from ?")) {
            ps.setString(1, what);
            ps.setString(2, clusterId);
            ps.setString(3, what);
            ps.executeUpdate();
        }
    }

    /**
     * Notes a failure of the newcomer being added, for the sweeper to stop the roll with. Returns whether
     * {@code microVmId} is the newcomer of a rolling step.
     */
    public boolean newcomerFailed(Connection tx, String microVmId, String failure) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster_upgrade set failure = coalesce(failure, ?)"
                + " where new_microvm_id = ? and state = 'ROLLING' and phase = 'ADDING'")) {
            ps.setString(1, failure);
            ps.setString(2, microVmId);
            return ps.executeUpdate() > 0;
        }
    }

    /** The roll is done: the cluster (row and stored request) is at {@code version}; a READY one says so. */
    public void finish(Connection tx, String clusterId, String version, String reason) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster set kubernetes_version = ?,"
                + " spec = jsonb_set(spec, '{kubernetesVersion}', to_jsonb(?::text)),"
                + " reason = case when status = 'READY' then ? else reason end, updated_at = now()"
                + " where cluster_id = ?")) {
            ps.setString(1, version);
            ps.setString(2, version);
            ps.setString(3, reason);
            ps.setString(4, clusterId);
            ps.executeUpdate();
        }
    }

    /** A READY cluster's reason says where its roll is; any other status keeps the reason it has. */
    public void clusterReason(Connection tx, String clusterId, String reason) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster set reason = ?, updated_at = now()"
                + " where cluster_id = ? and status = 'READY'")) {
            ps.setString(1, reason);
            ps.setString(2, clusterId);
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static UpgradeRow read(ResultSet rs) throws SQLException {
        Timestamp started = rs.getTimestamp(15);
        Array holders = rs.getArray(16);
        return new UpgradeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                rs.getString(12), (Long) rs.getObject(13), (Long) rs.getObject(14),
                started == null ? null : started.toInstant(),
                holders == null ? List.of() : Arrays.asList((String[]) holders.getArray()), rs.getString(17),
                rs.getString(18), rs.getString(19));
    }
}
