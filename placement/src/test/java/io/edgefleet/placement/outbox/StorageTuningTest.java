package io.edgefleet.placement.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What V7 and the relay's own vacuum promise: plans read live clusters through the partial index
 * (not every cluster the site ever had), and the outbox is vacuumed once enough rows were deleted.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class StorageTuningTest {
    @Inject
    DataSource dataSource;

    @Test
    void theLiveClustersOfSitesAreReadThroughThePartialIndex() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // The query the request path runs. The test table is tiny, so a sequential scan would win:
            // forbidding it shows which index the predicate can use.
            s.execute("set enable_seqscan = off");
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("explain select cluster_id, team, site_id, kubernetes_version"
                    + " from cluster where site_id = any (array['a', 'b']) and status not in ('DELETED', 'FAILED')"
                    + " order by cluster_id")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            s.execute("reset enable_seqscan");
            assertTrue(plan.stream().anyMatch(line -> line.contains("cluster_live_site")), String.join("\n", plan));
        }
    }

    @Test
    void aVacuumIsDueEachTimeTheDeletedRowsReachTheThreshold() {
        OutboxVacuum vacuum = new OutboxVacuum(1000);
        assertEquals(List.of(false, false, true, false, true), List.of(vacuum.due(400), vacuum.due(599),
                vacuum.due(1), vacuum.due(999), vacuum.due(5000)));
        OutboxVacuum never = new OutboxVacuum(0);
        assertEquals(false, never.due(1_000_000), "0: the relay never vacuums");
    }

    @Test
    void theRelaysVacuumShowsInTheTablesStatistics() throws Exception {
        long before = vacuumCount();
        OutboxVacuum.run(dataSource);
        long deadline = System.nanoTime() + 15_000_000_000L;
        long after = vacuumCount();
        while (after <= before && System.nanoTime() < deadline) {
            Thread.sleep(200); // statistics reach other sessions within about a second
            after = vacuumCount();
        }
        assertTrue(after > before, "vacuum_count of outbox stayed at " + before);
    }

    private long vacuumCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select pg_stat_clear_snapshot(), vacuum_count"
                     + " from pg_stat_user_tables where relname = 'outbox'");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), "the outbox table has statistics");
            return rs.getLong(2);
        }
    }
}
