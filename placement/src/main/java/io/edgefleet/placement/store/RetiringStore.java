package io.edgefleet.placement.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.HashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Old microVMs of make-before-break moves, kept in plans until their replacements run. */
@ApplicationScoped
public class RetiringStore {

    public void insert(Connection tx, Collection<RetiringMicroVm> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("insert into retiring_microvm (microvm_id, site_id,"
                + " cluster_id, role, host_id, vcpu, memory_mib, disk_gib, replaced_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (microvm_id) do nothing")) {
            for (RetiringMicroVm r : rows) {
                ps.setString(1, r.microVmId());
                ps.setString(2, r.siteId());
                ps.setString(3, r.clusterId());
                ps.setString(4, r.role());
                ps.setString(5, r.hostId());
                ps.setInt(6, r.vcpu());
                ps.setLong(7, r.memoryMib());
                ps.setLong(8, r.diskGib());
                ps.setString(9, r.replacedBy());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The replacement runs: the old microVMs it replaces leave the plan. Returns how many. */
    public int retireReplacedBy(Connection tx, String microVmId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("delete from retiring_microvm where replaced_by = ?")) {
            ps.setString(1, microVmId);
            return ps.executeUpdate();
        }
    }

    /** Also forgets retiring microVMs whose replacement itself was replaced or released. */
    public int deleteForCluster(Connection tx, String clusterId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("delete from retiring_microvm where cluster_id = ?")) {
            ps.setString(1, clusterId);
            return ps.executeUpdate();
        }
    }

    /** Retiring microVMs whose replacement no longer exists (moved again, or failed): drop them too. */
    public int deleteOrphans(Connection tx, String siteId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("delete from retiring_microvm r where r.site_id = ?"
                + " and not exists (select 1 from allocation a where a.microvm_id = r.replaced_by)")) {
            ps.setString(1, siteId);
            return ps.executeUpdate();
        }
    }

    /** {@link #deleteForCluster} for many clusters in one statement. */
    public int deleteForClusters(Connection tx, Collection<String> clusterIds) throws SQLException {
        if (clusterIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = tx.prepareStatement("delete from retiring_microvm where cluster_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", clusterIds.toArray()));
            return ps.executeUpdate();
        }
    }

    /** {@link #deleteOrphans} for many sites in one statement. */
    public int deleteOrphans(Connection tx, Collection<String> siteIds) throws SQLException {
        if (siteIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = tx.prepareStatement("delete from retiring_microvm r where r.site_id = any (?)"
                + " and not exists (select 1 from allocation a where a.microvm_id = r.replaced_by)")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            return ps.executeUpdate();
        }
    }

    /** {@link #forSite} for many sites in one statement. */
    public Map<String, List<RetiringMicroVm>> forSites(Connection tx, Collection<String> siteIds) throws SQLException {
        Map<String, List<RetiringMicroVm>> out = new HashMap<>();
        for (String s : siteIds) {
            out.put(s, new ArrayList<>());
        }
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select microvm_id, site_id, cluster_id, role, host_id,"
                + " vcpu, memory_mib, disk_gib, replaced_by from retiring_microvm where site_id = any (?)"
                + " order by microvm_id")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RetiringMicroVm r = new RetiringMicroVm(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getLong(8),
                            rs.getString(9));
                    out.computeIfAbsent(r.siteId(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }
}
