package io.edgefleet.placement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The allocation ledger rows: engine {@link Allocation}s, one row each. */
@ApplicationScoped
public class AllocationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Integer>> VFS = new TypeReference<>() {
    };

    public List<Allocation> forSite(Connection tx, String siteId) throws SQLException {
        List<Allocation> out = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement(
                "select holder_id, kind, owner_id, team, host_id, numa_node, vcpu, pinned_cores, memory_mib,"
                        + " hugepages, vfs, disk_gib from allocation where site_id = ? order by holder_id")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Resources resources = new Resources(rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getInt(10),
                            readVfs(rs.getString(11)), rs.getLong(12));
                    out.add(new Allocation(rs.getString(1), HolderKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), resources));
                }
            }
        }
        return out;
    }

    public void insert(Connection tx, String siteId, Collection<Allocation> allocations) throws SQLException {
        if (allocations.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into allocation (holder_id, kind, owner_id, team, site_id, host_id, numa_node, vcpu,"
                        + " pinned_cores, memory_mib, hugepages, vfs, disk_gib)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            for (Allocation a : allocations) {
                Resources r = a.resources();
                ps.setString(1, a.holderId());
                ps.setString(2, a.kind().name());
                ps.setString(3, a.ownerId());
                ps.setString(4, a.team());
                ps.setString(5, siteId);
                ps.setString(6, a.hostId());
                ps.setInt(7, a.numaNode());
                ps.setInt(8, r.vcpu());
                ps.setInt(9, r.pinnedCores());
                ps.setLong(10, r.memoryMib());
                ps.setInt(11, r.hugepages());
                ps.setString(12, writeVfs(r.vfs()));
                ps.setLong(13, r.diskGib());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void delete(Connection tx, Collection<Allocation> allocations) throws SQLException {
        if (allocations.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("delete from allocation where holder_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", allocations.stream().map(Allocation::holderId).toArray()));
            ps.executeUpdate();
        }
    }

    /** Records what the agent measured for a microVM; returns false if we hold no such allocation. */
    public boolean recordObservedState(Connection tx, String holderId, String state) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update allocation set observed_state = ? where holder_id = ?")) {
            ps.setString(1, state);
            ps.setString(2, holderId);
            return ps.executeUpdate() == 1;
        }
    }

    private static Map<String, Integer> readVfs(String json) throws SQLException {
        try {
            return JSON.readValue(json, VFS);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable vfs column: " + e.getOriginalMessage(), e);
        }
    }

    private static String writeVfs(Map<String, Integer> vfs) {
        try {
            return JSON.writeValueAsString(vfs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of counts always serialises", e);
        }
    }
}
