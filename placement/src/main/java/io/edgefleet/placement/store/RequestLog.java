package io.edgefleet.placement.store;

import jakarta.enterprise.context.ApplicationScoped;
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
}
