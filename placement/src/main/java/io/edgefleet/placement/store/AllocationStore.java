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
import java.util.HashMap;
import java.util.Arrays;
import java.util.Optional;
import java.time.Instant;
import java.sql.Timestamp;

/** The allocation ledger rows: engine {@link Allocation}s, one row each. */
@ApplicationScoped
public class AllocationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Integer>> VFS = new TypeReference<>() {
    };

    public void insert(Connection tx, String siteId, Collection<Allocation> allocations,
                       Map<String, AllocationDetail> details) throws SQLException {
        insertRows(tx, allocations.stream().map(a -> new Row(siteId, a, details.get(a.holderId()))).toList());
    }

    public void delete(Connection tx, Collection<Allocation> allocations) throws SQLException {
        deleteHolders(tx, allocations.stream().map(Allocation::holderId).toList());
    }

    /** A microVM's allocation as reports need it. */
    public record MicroVmRef(String siteId, String holderId, String ownerId, String hostId, int attempts,
                             String observedState) {
    }

    public Optional<MicroVmRef> findMicroVm(Connection tx, String microVmId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select site_id, holder_id, owner_id, host_id, attempts,"
                + " observed_state from allocation where microvm_id = ?")) {
            ps.setString(1, microVmId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new MicroVmRef(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6))) : Optional.empty();
            }
        }
    }

    /** Records what the agent measured for a microVM; returns false if we hold no such allocation. */
    public boolean recordObservedState(Connection tx, String microVmId, String state) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "update allocation set observed_state = ? where microvm_id = ?")) {
            ps.setString(1, state);
            ps.setString(2, microVmId);
            return ps.executeUpdate() == 1;
        }
    }

    /** A failed microVM: re-place it at {@code retryAt} (the lifecycle sweep picks it up then). */
    public void scheduleRetry(Connection tx, String microVmId, String reason, Instant retryAt) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update allocation set observed_state = 'FAILED',"
                + " failure_reason = ?, next_retry_at = ? where microvm_id = ?")) {
            ps.setString(1, reason);
            ps.setTimestamp(2, Timestamp.from(retryAt));
            ps.setString(3, microVmId);
            ps.executeUpdate();
        }
    }

    /** A microVM due for re-placement: site, holder, and why it failed. */
    public record DueRetry(String siteId, String holderId, String reason) {
    }

    public List<DueRetry> dueRetries(Connection c, int limit) throws SQLException {
        List<DueRetry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select site_id, holder_id, failure_reason from allocation"
                + " where next_retry_at <= now() order by next_retry_at limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DueRetry(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
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

    /** {@link #forSite} for many sites in one statement: allocations by site id, details by holder id. */
    public Map<String, List<Allocation>> forSites(Connection tx, Collection<String> siteIds,
                                                  Map<String, Map<String, AllocationDetail>> details)
            throws SQLException {
        Map<String, List<Allocation>> out = new HashMap<>();
        for (String s : siteIds) {
            out.put(s, new ArrayList<>());
            details.put(s, new HashMap<>());
        }
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "select holder_id, kind, owner_id, team, host_id, numa_node, vcpu, pinned_cores, memory_mib,"
                        + " hugepages, vfs, disk_gib, microvm_id, core_ids, attempts, site_id, cluster_id"
                        + " from allocation where site_id = any (?) order by holder_id")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String siteId = rs.getString(16);
                    Resources resources = new Resources(rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getInt(10),
                            readVfs(rs.getString(11)), rs.getLong(12));
                    out.computeIfAbsent(siteId, k -> new ArrayList<>()).add(new Allocation(rs.getString(1),
                            HolderKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6), resources, rs.getString(17)));
                    Integer[] cores = (Integer[]) rs.getArray(14).getArray();
                    details.computeIfAbsent(siteId, k -> new HashMap<>()).put(rs.getString(1),
                            new AllocationDetail(rs.getString(13), Arrays.asList(cores), rs.getInt(15)));
                }
            }
        }
        return out;
    }

    /** An allocation row to insert: the holder, its site, and its details. */
    public record Row(String siteId, Allocation allocation, AllocationDetail detail) {
    }

    /** Inserts many allocation rows (of any sites) with one JDBC batch, in the given order. */
    public void insertRows(Connection tx, Collection<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into allocation (holder_id, kind, owner_id, team, site_id, host_id, numa_node, vcpu,"
                        + " pinned_cores, memory_mib, hugepages, vfs, disk_gib, microvm_id, core_ids, attempts, cluster_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                Allocation a = row.allocation();
                Resources r = a.resources();
                AllocationDetail d = row.detail();
                ps.setString(1, a.holderId());
                ps.setString(2, a.kind().name());
                ps.setString(3, a.ownerId());
                ps.setString(4, a.team());
                ps.setString(5, row.siteId());
                ps.setString(6, a.hostId());
                ps.setInt(7, a.numaNode());
                ps.setInt(8, r.vcpu());
                ps.setInt(9, r.pinnedCores());
                ps.setLong(10, r.memoryMib());
                ps.setInt(11, r.hugepages());
                ps.setString(12, writeVfs(r.vfs()));
                ps.setLong(13, r.diskGib());
                ps.setString(14, d == null ? null : d.microVmId());
                ps.setArray(15, tx.createArrayOf("integer", d == null ? new Integer[0] : d.coreIds().toArray()));
                ps.setInt(16, d == null ? 0 : d.attempts());
                ps.setString(17, a.clusterId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes the rows of these holder ids in one statement. */
    public void deleteHolders(Connection tx, Collection<String> holderIds) throws SQLException {
        if (holderIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("delete from allocation where holder_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", holderIds.toArray()));
            ps.executeUpdate();
        }
    }
}
