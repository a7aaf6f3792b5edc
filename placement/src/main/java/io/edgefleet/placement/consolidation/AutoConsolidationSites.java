package io.edgefleet.placement.consolidation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sites an automatic consolidation may look at: sites holding something, with no
 * consolidation under way, no cluster upgrade rolling (its steps move the same microVMs) and no
 * consolidation applied within the last interval, whichever replica or operator started it. The
 * last condition makes the schedule one per site and interval across replicas, since each replica
 * runs the loop; the site row lock and the one-APPLYING-per-site index keep two from starting at once.
 */
@ApplicationScoped
public class AutoConsolidationSites {
    private static final String QUIET = "not exists (select 1 from site_consolidation sc where sc.site_id = s.site_id"
            + " and sc.state <> 'PLANNED' and (sc.state = 'APPLYING' or sc.created_at > now() - ?::interval))"
            + " and not exists (select 1 from cluster_upgrade u where u.site_id = s.site_id and u.state = 'ROLLING')";

    /** The candidates now, in site order; each is checked again under its lock ({@link #quiet}). */
    List<String> candidates(Connection c, Duration interval) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select s.site_id from site s where exists (select 1 from"
                + " allocation a where a.site_id = s.site_id) and " + QUIET + " order by s.site_id")) {
            ps.setString(1, pgInterval(interval));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Whether the site is still a candidate, read in the transaction that holds its row. */
    boolean quiet(Connection tx, String siteId, Duration interval) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select 1 from site s where s.site_id = ? and " + QUIET)) {
            ps.setString(1, siteId);
            ps.setString(2, pgInterval(interval));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String pgInterval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
