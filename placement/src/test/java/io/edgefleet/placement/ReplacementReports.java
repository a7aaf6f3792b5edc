package io.edgefleet.placement;

import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a site's agent reports once the replacement microVMs of make-before-break moves (consolidations,
 * displacements) run: one RUNNING report each, for the site's current plan.
 */
final class ReplacementReports {

    private ReplacementReports() {
    }

    static void runAll(DataSource dataSource, Flow flow, String siteId) throws SQLException {
        List<String[]> running = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select a.microvm_id,"
                + " a.host_id, a.owner_id, s.plan_version from retiring_microvm r join allocation a on a.microvm_id"
                + " = r.replaced_by join site s on s.site_id = a.site_id where r.site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    running.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        for (String[] r : running) {
            flow.send(new MicroVmStateChanged(siteId, r[1], r[0], r[2], MicroVmState.RUNNING, null,
                    Long.parseLong(r[3]), Instant.now()));
        }
    }
}
