package io.edgefleet.placement.intake;

import io.edgefleet.placement.outbox.OutboxWriter;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.NetworkFunctionStore;
import io.edgefleet.placement.store.RetiringStore;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Ends a batch's transaction work: claims the generation of every host whose allocations changed
 * (optimistic lock: a concurrent writer makes this throw and the batch roll back), writes one new
 * plan per changed site, and appends every event to the outbox. The caller commits.
 */
@ApplicationScoped
public class SitePlans {
    @Inject
    SiteStore sites;
    @Inject
    ClusterStore clusters;
    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    RetiringStore retiring;
    @Inject
    OutboxWriter outbox;

    public void finish(Batch batch) throws SQLException, ConcurrentAllocationException {
        // Site row first, then its hosts, sites in id order: every writer locks in the same order.
        List<SiteWork> changed = batch.changedSites().stream().sorted(Comparator.comparing(SiteWork::siteId)).toList();
        for (SiteWork site : changed) {
            long version = sites.nextPlanVersion(batch.tx(), site.siteId());
            sites.claimHosts(batch.tx(), site.snapshot(), site.touchedHosts());
            retiring.deleteOrphans(batch.tx(), site.siteId());
            batch.emit(SitePlanBuilder.build(site.siteId(), version, site.state().allocations(), site.details(),
                    clusters.liveOnSite(batch.tx(), site.siteId()),
                    networkFunctions.liveOnSite(batch.tx(), site.siteId()),
                    retiring.forSite(batch.tx(), site.siteId())));
        }
        outbox.append(batch.tx(), batch.events());
    }
}
