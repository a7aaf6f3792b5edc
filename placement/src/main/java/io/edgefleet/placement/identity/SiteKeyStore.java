package io.edgefleet.placement.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The {@code site_key} table: one enrolled public key per site; enrolling again replaces it. */
@ApplicationScoped
public class SiteKeyStore {

    /** An enrolment as stored. */
    public record Enrolment(String siteId, String publicKeyPem, String enrolledBy, Instant enrolledAt) {
    }

    /** Records (or replaces: key rotation) the site's key, in the caller's transaction. */
    public void enroll(Connection tx, String siteId, String publicKeyPem, String enrolledBy) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "insert into site_key (site_id, public_key_pem, enrolled_by, enrolled_at) values (?, ?, ?, now())"
                        + " on conflict (site_id) do update set public_key_pem = excluded.public_key_pem,"
                        + " enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at")) {
            ps.setString(1, siteId);
            ps.setString(2, publicKeyPem);
            ps.setString(3, enrolledBy);
            ps.executeUpdate();
        }
    }

    /** The site's enrolment, if it has one. */
    public Optional<Enrolment> find(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select public_key_pem, enrolled_by, enrolled_at from site_key where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp at = rs.getTimestamp(3);
                return Optional.of(new Enrolment(siteId, rs.getString(1), rs.getString(2),
                        at == null ? null : at.toInstant()));
            }
        }
    }
}
