package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.SiteSnapshot;
import io.edgefleet.placement.store.SiteStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two batched writes that guard against a concurrent writer: host-generation claims and
 * conditional cluster changes. Each writes all its rows or reports the row another writer moved,
 * and a batch that got such a report rolls back with nothing written.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class OptimisticWritesTest extends FlowTest {
    @Inject
    SiteStore sites;
    @Inject
    ClusterStore clusters;

    @Test
    void aClaimAtAGenerationAnotherWriterMovedFailsAndWritesNothing() throws Exception {
        String site = "claims-1";
        flow.send(TestFleet.heartbeat(site, 3));
        flow.awaitSiteKnown(site);
        SiteSnapshot read = snapshot(site);

        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            sites.claimAll(tx, List.of(new SiteStore.HostClaim(read, List.of("h2", "h1"))));
            tx.commit();
        }
        Map<String, Long> after = snapshot(site).generations();
        assertEquals(read.generations().get("h1") + 1, after.get("h1"), "h1 claimed once");
        assertEquals(read.generations().get("h2") + 1, after.get("h2"), "h2 claimed once");
        assertEquals(read.generations().get("h3"), after.get("h3"), "h3 not claimed");

        // A second writer that read the site before the first claim: h2 moved, h3 did not.
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            ConcurrentAllocationException e = assertThrows(ConcurrentAllocationException.class,
                    () -> sites.claimAll(tx, List.of(new SiteStore.HostClaim(read, List.of("h3", "h2")))));
            assertTrue(e.getMessage().contains("h2"), e.getMessage());
            tx.rollback();
        }
        assertEquals(after, snapshot(site).generations(), "the failed claim left every generation as it was");
    }

    @Test
    void aClusterChangeExpectingAStatusItNoLongerHasFails() throws Exception {
        ClusterRow placed = new ClusterRow("claims-c1", "team-a", "claims-2", "1.31", "{}", ClusterStatus.PLACED,
                null, null);
        ClusterRow other = new ClusterRow("claims-c2", "team-a", "claims-2", "1.31", "{}", ClusterStatus.PLACED,
                null, null);
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            clusters.insertAll(tx, List.of(placed, other));
            clusters.applyAll(tx, List.of(
                    new ClusterStore.Change(withStatus(placed, ClusterStatus.READY, null), List.of(ClusterStatus.PLACED)),
                    new ClusterStore.Change(withStatus(other, ClusterStatus.SCALING, null), null)));
            tx.commit();
        }
        assertEquals(ClusterStatus.READY, status("claims-c1"));
        assertEquals(ClusterStatus.SCALING, status("claims-c2"));

        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            ConcurrentAllocationException e = assertThrows(ConcurrentAllocationException.class,
                    () -> clusters.applyAll(tx, List.of(
                            new ClusterStore.Change(withStatus(other, ClusterStatus.DELETED, "gone"), null),
                            new ClusterStore.Change(withStatus(placed, ClusterStatus.DELETED, "gone"),
                                    List.of(ClusterStatus.PLACED, ClusterStatus.PROVISIONING)))));
            assertTrue(e.getMessage().contains("claims-c1"), e.getMessage());
            tx.rollback();
        }
        assertEquals(ClusterStatus.READY, status("claims-c1"), "rolled back");
        assertEquals(ClusterStatus.SCALING, status("claims-c2"), "rolled back");
    }

    private static ClusterRow withStatus(ClusterRow r, ClusterStatus status, String reason) {
        return new ClusterRow(r.clusterId(), r.team(), r.siteId(), r.kubernetesVersion(), r.spec(), status, reason,
                r.expiresAt());
    }

    private ClusterStatus status(String clusterId) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return clusters.find(c, clusterId).orElseThrow().status();
        }
    }

    private SiteSnapshot snapshot(String site) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            sites.cache().forgetAll(); // read from the database, not a kept state
            return sites.loadAll(c, List.of(site)).get(site);
        }
    }
}
