package io.edgefleet.placement.secrets;

import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.X25519Keys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The agents of a site that may open its clusters' secrets: the site's enrolled key ({@code site:<siteId>})
 * and each enrolled host agent's key ({@code host:<siteId>/<hostId>}), their Ed25519 public keys turned into
 * the X25519 keys sealing needs (as age does for ssh-ed25519 recipients).
 */
final class SiteRecipients {
    private static final Logger LOG = Logger.getLogger(SiteRecipients.class);
    /** An Ed25519 SubjectPublicKeyInfo is this 12-byte header and the 32-byte key. */
    private static final int SPKI_LENGTH = 44;

    private SiteRecipients() {
    }

    /** The enrolled agent recipients of each site asked for (a site without any: an empty list). */
    static Map<String, List<Recipient>> of(Connection c, Collection<String> siteIds) throws SQLException {
        Map<String, List<Recipient>> out = new HashMap<>();
        for (String siteId : siteIds) {
            out.put(siteId, new ArrayList<>());
        }
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select site_id, null, public_key_pem from site_key where site_id = any (?)"
                        + " union all select site_id, host_id, public_key_pem from host_key where site_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", siteIds.toArray()));
            ps.setArray(2, c.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String siteId = rs.getString(1);
                    String hostId = rs.getString(2);
                    String id = hostId == null ? "site:" + siteId : "host:" + siteId + "/" + hostId;
                    try {
                        out.get(siteId).add(new Recipient(id, X25519Keys.publicFromEd25519(ed25519(rs.getString(3)))));
                    } catch (RuntimeException e) {
                        // Enrolment checks keys, so this is a row written by other means: leave that agent out.
                        LOG.warnf("the enrolled key of %s is not an Ed25519 public key; its agent gets no cluster"
                                + " secrets: %s", id, e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** The sites with a key enrolled (or rotated) at or after {@code since}. */
    static Set<String> enrolledSince(Connection c, Instant since) throws SQLException {
        Set<String> sites = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select site_id from site_key where enrolled_at >= ?"
                + " union select site_id from host_key where enrolled_at >= ?")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getString(1));
                }
            }
        }
        return sites;
    }

    /** The raw 32 bytes of an Ed25519 public key in PEM, as enrolled. */
    private static byte[] ed25519(String pem) {
        byte[] spki = SiteKeys.parsePublicKey(pem).getEncoded();
        if (spki.length != SPKI_LENGTH) {
            throw new IllegalArgumentException("unexpected key encoding of " + spki.length + " bytes");
        }
        return Arrays.copyOfRange(spki, SPKI_LENGTH - 32, SPKI_LENGTH);
    }
}
