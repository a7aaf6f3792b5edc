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
import io.edgefleet.placement.store.LiveCluster;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.RetiringMicroVm;
import java.util.List;
import java.util.Map;

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
        batch.flush();
        // Site rows first, then their hosts, sites in id order: every writer locks in the same order.
        List<SiteWork> changed = batch.changedSites().stream().sorted(Comparator.comparing(SiteWork::siteId)).toList();
        if (!changed.isEmpty()) {
            List<String> ids = changed.stream().map(SiteWork::siteId).toList();
            Map<String, Long> versions = sites.nextPlanVersions(batch.tx(), ids);
            sites.claimAll(batch.tx(), changed.stream()
                    .map(site -> new SiteStore.HostClaim(site.snapshot(), site.touchedHosts())).toList());
            retiring.deleteOrphans(batch.tx(), ids);
            Map<String, List<LiveCluster>> liveClusters = clusters.liveOnSites(batch.tx(), ids);
            Map<String, List<NetworkFunctionRow>> liveNetworkFunctions = networkFunctions.liveOnSites(batch.tx(), ids);
            Map<String, List<RetiringMicroVm>> retiringMicroVms = retiring.forSites(batch.tx(), ids);
            for (SiteWork site : changed) {
                Long version = versions.get(site.siteId());
                if (version == null) {
                    throw new IllegalStateException("site " + site.siteId() + " has no row any more");
                }
                batch.emit(SitePlanBuilder.build(site.siteId(), version, site.state().allocations(), site.details(),
                        liveClusters.get(site.siteId()), liveNetworkFunctions.get(site.siteId()),
                        retiringMicroVms.get(site.siteId())));
            }
        }
        outbox.append(batch.tx(), batch.events());
    }
}
