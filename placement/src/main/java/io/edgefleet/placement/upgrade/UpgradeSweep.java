package io.edgefleet.placement.upgrade;

import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.SitePlans;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.SiteStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Moves rolling upgrades on, on every replica, at the lifecycle's pace. A site is worked on only when one
 * of its rolls has something to do (a READY that ends a phase, a failure, a timeout, a step to start), in
 * one transaction holding the site's lock ({@code SKIP LOCKED}, as the lifecycle sweeper), with the same
 * generation checks as every other writer.
 *
 * <p>A step changes which microVMs of a cluster run which version, which the site's kept state does not
 * know (it keeps the live clusters with the allocations between batches): the kept states are dropped
 * before such a site is read, so the plan written here reads its clusters from the database, after this
 * transaction's writes. Steps are minutes apart, so the next batches reading their sites once more costs
 * little.
 */
@ApplicationScoped
public class UpgradeSweep {
    private static final Logger LOG = Logger.getLogger(UpgradeSweep.class);

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    ClusterStore clusters;
    @Inject
    UpgradeStore upgrades;
    @Inject
    UpgradeRoller roller;
    @Inject
    SitePlans plans;
    @Inject
    OutboxRelay relay;

    @Scheduled(every = "${edgefleet.lifecycle.interval:5s}", delayed = "${edgefleet.lifecycle.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        try {
            List<String> siteIds;
            try (Connection c = dataSource.getConnection()) {
                siteIds = upgrades.rollingSites(c);
            }
            for (String siteId : siteIds) {
                inSite(siteId);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("upgrade sweep failed, next round retries: %s", e.toString());
        }
    }

    private void inSite(String siteId) {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                Instant now = Instant.now();
                if (!sites.tryLock(tx, siteId)) {
                    tx.rollback();
                    return;
                }
                List<UpgradeRow> due = new ArrayList<>();
                List<ClusterRow> theirClusters = new ArrayList<>();
                for (UpgradeRow roll : upgrades.rollingOnSite(tx, siteId)) {
                    Optional<ClusterRow> cluster = clusters.find(tx, roll.clusterId());
                    if (cluster.isPresent() && roller.due(roll, cluster.get(), now)) {
                        due.add(roll);
                        theirClusters.add(cluster.get());
                    }
                }
                if (due.isEmpty()) {
                    tx.rollback();
                    return;
                }
                sites.cache().forgetAll();
                Batch batch = new Batch(tx, sites);
                Optional<SiteWork> site = batch.site(siteId);
                if (site.isEmpty()) {
                    tx.rollback();
                    return;
                }
                List<String> stepped = new ArrayList<>();
                for (int i = 0; i < due.size(); i++) {
                    UpgradeRow roll = due.get(i);
                    UpgradeRoller.Moved moved = roller.advance(batch, site.get(), theirClusters.get(i), roll, now);
                    if (moved.stepPlanned()) {
                        stepped.add(roll.clusterId());
                    }
                }
                plans.finish(batch);
                upgrades.stepPlanned(tx, siteId, stepped);
                tx.commit();
                batch.committed();
                relay.handOver(batch.outboxed());
            } catch (SQLException | ConcurrentAllocationException | RuntimeException e) {
                tx.rollback();
                sites.cache().forgetAll();
                LOG.debugf("upgrade work on site %s rolled back, next round retries: %s", siteId, e.toString());
            }
        } catch (SQLException e) {
            LOG.debugf("upgrade work on site %s not done: %s", siteId, e.toString());
        }
    }
}
