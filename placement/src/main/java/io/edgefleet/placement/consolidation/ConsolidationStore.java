package io.edgefleet.placement.consolidation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.outcome.ConsolidationState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rows of {@code site_consolidation} (V20): plans and their progress. */
@ApplicationScoped
public class ConsolidationStore {
    private static final TypeReference<List<PlannedMove>> MOVES = new TypeReference<>() {
    };
    private static final String COLUMNS = "request_id, site_id, state, moves::text, hosts_to_free, hosts_freed,"
            + " hosts_in_use_before, hosts_in_use_after, reason";

    public void insert(Connection tx, Consolidation c) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("insert into site_consolidation (request_id, site_id, state,"
                + " moves, hosts_to_free, hosts_freed, hosts_in_use_before, hosts_in_use_after, reason)"
                + " values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            ps.setString(1, c.requestId());
            ps.setString(2, c.siteId());
            ps.setString(3, c.state().name());
            ps.setString(4, json(c.moves()));
            ps.setArray(5, tx.createArrayOf("text", c.hostsToFree().toArray()));
            ps.setArray(6, tx.createArrayOf("text", c.hostsFreed().toArray()));
            ps.setInt(7, c.hostsInUseBefore());
            ps.setInt(8, c.hostsInUseAfter());
            ps.setString(9, c.reason());
            ps.executeUpdate();
        }
    }

    /** Writes the state, moves, freed hosts and reason of an existing row. */
    public void update(Connection tx, Consolidation c) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update site_consolidation set state = ?, moves = ?::jsonb,"
                + " hosts_freed = ?, reason = ?, changed_at = now() where request_id = ?")) {
            ps.setString(1, c.state().name());
            ps.setString(2, json(c.moves()));
            ps.setArray(3, tx.createArrayOf("text", c.hostsFreed().toArray()));
            ps.setString(4, c.reason());
            ps.setString(5, c.requestId());
            ps.executeUpdate();
        }
    }

    public Optional<Consolidation> find(Connection tx, String requestId) throws SQLException {
        return one(tx, "select " + COLUMNS + " from site_consolidation where request_id = ?", requestId);
    }

    /** The site's consolidation under way, if any (at most one: a unique index says so). */
    public Optional<Consolidation> applying(Connection tx, String siteId) throws SQLException {
        return one(tx, "select " + COLUMNS + " from site_consolidation where site_id = ? and state = 'APPLYING'",
                siteId);
    }

    /** Sites with a consolidation under way. */
    public List<String> sitesApplying(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select site_id from site_consolidation where state = 'APPLYING' order by site_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Of these replacement microVMs, those whose old microVM still waits for them to run. */
    public Set<String> replacementsNotRunning(Connection tx, List<String> microVmIds) throws SQLException {
        Set<String> out = new HashSet<>();
        if (microVmIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "select distinct replaced_by from retiring_microvm where replaced_by = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", microVmIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private Optional<Consolidation> one(Connection tx, String sql, String key) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Consolidation(rs.getString(1), rs.getString(2),
                        ConsolidationState.valueOf(rs.getString(3)), moves(rs.getString(4)), strings(rs.getArray(5)),
                        strings(rs.getArray(6)), rs.getInt(7), rs.getInt(8), rs.getString(9)));
            }
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static String json(List<PlannedMove> moves) {
        try {
            return EventJson.mapper().writeValueAsString(moves);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("moves cannot be written as JSON", e);
        }
    }

    private static List<PlannedMove> moves(String json) {
        try {
            return EventJson.mapper().readValue(json, MOVES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored consolidation moves are unreadable", e);
        }
    }
}
