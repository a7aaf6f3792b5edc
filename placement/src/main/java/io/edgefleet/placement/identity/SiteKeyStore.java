package io.edgefleet.placement.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The enrolled keys: {@code site_key} holds one key per site (a site-wide agent's), {@code host_key}
 * one per host of a site (a host agent's, ADR 0022). Enrolling the same site or host again replaces
 * that one row; a host's enrolment never touches the site's key nor another host's.
 */
@ApplicationScoped
public class SiteKeyStore {

    /** An enrolment as stored; {@code hostId} null for the site's own key. */
    public record Enrolment(String siteId, String hostId, String publicKeyPem, String enrolledBy, Instant enrolledAt) {
    }

    /** Records (or replaces: key rotation) the site's key, in the caller's transaction. */
    public void enroll(Connection tx, String siteId, String publicKeyPem, String enrolledBy) throws SQLException {
        enroll(tx, siteId, null, publicKeyPem, enrolledBy);
    }

    /** Records (or replaces) the key of a host of the site ({@code hostId} null: the site's own), in the caller's transaction. */
    public void enroll(Connection tx, String siteId, String hostId, String publicKeyPem, String enrolledBy)
            throws SQLException {
        String sql = hostId == null
                ? "insert into site_key (site_id, public_key_pem, enrolled_by, enrolled_at) values (?, ?, ?, now())"
                        + " on conflict (site_id) do update set public_key_pem = excluded.public_key_pem,"
                        + " enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at"
                : "insert into host_key (site_id, public_key_pem, enrolled_by, host_id, enrolled_at)"
                        + " values (?, ?, ?, ?, now()) on conflict (site_id, host_id) do update set"
                        + " public_key_pem = excluded.public_key_pem, enrolled_by = excluded.enrolled_by,"
                        + " enrolled_at = excluded.enrolled_at";
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setString(1, siteId);
            ps.setString(2, publicKeyPem);
            ps.setString(3, enrolledBy);
            if (hostId != null) {
                ps.setString(4, hostId);
            }
            ps.executeUpdate();
        }
    }

    /** The site's own enrolment, if it has one. */
    public Optional<Enrolment> find(Connection connection, String siteId) throws SQLException {
        return find(connection, siteId, null);
    }

    /** The enrolment of a host of the site ({@code hostId} null: the site's own), if it has one. */
    public Optional<Enrolment> find(Connection connection, String siteId, String hostId) throws SQLException {
        String sql = hostId == null
                ? "select public_key_pem, enrolled_by, enrolled_at from site_key where site_id = ?"
                : "select public_key_pem, enrolled_by, enrolled_at from host_key where site_id = ? and host_id = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, siteId);
            if (hostId != null) {
                ps.setString(2, hostId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp at = rs.getTimestamp(3);
                return Optional.of(new Enrolment(siteId, hostId, rs.getString(1), rs.getString(2),
                        at == null ? null : at.toInstant()));
            }
        }
    }
}
