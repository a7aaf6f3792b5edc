package io.edgefleet.placement.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.List;
import java.util.HashMap;
import java.util.Collection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Every request's one outcome, keyed by request id. Claiming an id and storing its outcome happen
 * in the transaction that decides the request, so a request is decided exactly once.
 */
@ApplicationScoped
public class RequestLog {

    /** A stored outcome: its CloudEvent type and JSON payload. */
    public record StoredOutcome(String ceType, byte[] payload, String eventId) {
    }

    /** The outcome already recorded for this request id, if any. */
    public Optional<StoredOutcome> find(Connection tx, String requestId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "select outcome_type, convert_to(outcome, 'UTF8'), outcome_event_id from request where request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredOutcome(rs.getString(1), rs.getBytes(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    public void record(Connection tx, String requestId, String siteId, String kind, String subjectId,
                       String outcomeCeType, byte[] outcomeJson, String outcomeEventId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into request (request_id, site_id, kind, subject_id, outcome_type, outcome, outcome_event_id)"
                        + " values (?, ?, ?, ?, ?, convert_from(?, 'UTF8'), ?)")) {
            ps.setString(1, requestId);
            ps.setString(2, siteId);
            ps.setString(3, kind);
            ps.setString(4, subjectId);
            ps.setString(5, outcomeCeType);
            ps.setBytes(6, outcomeJson);
            ps.setString(7, outcomeEventId);
            ps.executeUpdate();
        }
    }

    /** The outcomes already recorded for any of these request ids, by request id: one round trip. */
    public Map<String, StoredOutcome> findAll(Connection tx, Collection<String> requestIds) throws SQLException {
        Map<String, StoredOutcome> out = new HashMap<>();
        if (requestIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select request_id, outcome_type, convert_to(outcome, 'UTF8'),"
                + " outcome_event_id from request where request_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", requestIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new StoredOutcome(rs.getString(2), rs.getBytes(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** A request's outcome row, as {@link #recordAll} writes it. */
    public record Entry(String requestId, String siteId, String kind, String subjectId, String outcomeCeType,
                        byte[] outcomeJson, String outcomeEventId) {
    }

    /** Records many outcomes with one JDBC batch, in the given order. */
    public void recordAll(Connection tx, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into request (request_id, site_id, kind, subject_id, outcome_type, outcome, outcome_event_id)"
                        + " values (?, ?, ?, ?, ?, convert_from(?, 'UTF8'), ?)")) {
            for (Entry e : entries) {
                ps.setString(1, e.requestId());
                ps.setString(2, e.siteId());
                ps.setString(3, e.kind());
                ps.setString(4, e.subjectId());
                ps.setString(5, e.outcomeCeType());
                ps.setBytes(6, e.outcomeJson());
                ps.setString(7, e.outcomeEventId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
