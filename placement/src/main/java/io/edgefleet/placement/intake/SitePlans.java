package io.edgefleet.placement.intake;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.placement.outbox.OutboxWriter;
import io.edgefleet.placement.store.AddressStore;
import io.edgefleet.placement.store.PlanContextStore;
import org.jboss.logging.Logger;
import io.edgefleet.placement.plan.PlanSigning;
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
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.store.SiteSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends a batch's transaction work: claims the generation of every host whose allocations changed
 * (optimistic lock: a concurrent writer makes this throw and the batch roll back), writes one new
 * plan per changed site, and appends every event to the outbox. The caller commits.
 */
@ApplicationScoped
public class SitePlans {
    private static final Logger LOG = Logger.getLogger(SitePlans.class);

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
    @Inject
    PlanContextStore planContext;
    @Inject
    AddressStore addresses;
    @Inject
    ScalingPlanVersions scalingPlans;
    @Inject
    PlanSigning planSigning;

    public void finish(Batch batch) throws SQLException, ConcurrentAllocationException {
        batch.flush();
        // Site rows first, then their hosts, sites in id order: every writer locks in the same order.
        List<SiteWork> changed = batch.changedSites().stream().sorted(Comparator.comparing(SiteWork::siteId)).toList();
        if (!changed.isEmpty()) {
            List<String> ids = changed.stream().map(SiteWork::siteId).toList();
            Map<String, SiteStore.Versions> versions = sites.nextPlanVersions(batch.tx(), ids);
            scalingPlans.remember(batch.tx(), batch.scaledControlPlanes(), versions);
            sites.claimAll(batch.tx(), changed.stream()
                    .map(site -> new SiteStore.HostClaim(site.snapshot(), site.touchedHosts())).toList());
            retiring.deleteOrphans(batch.tx(), ids);
            Map<String, List<LiveCluster>> liveClusters = liveClusters(batch, changed);
            Map<String, List<NetworkFunctionRow>> liveNetworkFunctions = networkFunctions.liveOnSites(batch.tx(), ids);
            Map<String, List<RetiringMicroVm>> retiringMicroVms = retiring.forSites(batch.tx(), ids);
            Map<String, PlanContextStore.Context> contexts = planContext.forPlans(batch.tx(), ids);
            // Only sites with a network hold addresses (ADR 0020): the others cost no lease statement.
            List<String> addressed = ids.stream()
                    .filter(id -> contexts.get(id) != null && contexts.get(id).network() != null).toList();
            addresses.releaseGone(batch.tx(), addressed);
            Map<String, AddressStore.Leases> held = addresses.held(batch.tx(), addressed);
            for (SiteWork site : changed) {
                SiteStore.Versions version = versions.get(site.siteId());
                if (version == null) {
                    throw new IllegalStateException("site " + site.siteId() + " has no row any more");
                }
                List<LiveCluster> live = liveClusters.get(site.siteId());
                stateAfterCommit(site, version, live).ifPresent(batch::rememberAfterCommit);
                SitePlan plan = SitePlanBuilder.build(site.siteId(), version.plan(), site.state().allocations(),
                        site.details(), live, liveNetworkFunctions.get(site.siteId()), retiringMicroVms.get(site.siteId()));
                // Encoded and signed here, once: the outbox stores these bytes and the relay publishes them as they are.
                batch.emit(planSigning.encode(Batch.SOURCE, withContext(batch, plan, contexts.get(site.siteId()),
                        held.computeIfAbsent(site.siteId(), k -> AddressStore.Leases.none()))));
            }
        }
        batch.outboxed(outbox.append(batch.tx(), batch.events()));
    }

    /**
     * The plan with its steps host, network and addresses (ADR 0019, 0020): microVMs new to a site
     * with a network take their addresses here, and clusters new to it their API VIP, in the
     * transaction that publishes them (one insert batch for both).
     */
    private SitePlan withContext(Batch batch, SitePlan plan, PlanContextStore.Context context,
                                 AddressStore.Leases held) throws SQLException {
        PlanContextStore.Context c = context == null ? new PlanContextStore.Context(null, null) : context;
        if (c.network() != null) {
            List<String> without = plan.microVms().stream().map(PlannedMicroVm::microVmId)
                    .filter(id -> !held.microVms().containsKey(id)).sorted().toList();
            List<String> withoutVip = plan.clusters().stream().map(PlannedCluster::clusterId)
                    .filter(id -> !held.vips().containsKey(id)).sorted().toList();
            int none = addresses.assign(batch.tx(), plan.siteId(), c.network(), without, withoutVip, held);
            if (none > 0) {
                LOG.warnf("site %s: %d microVMs or cluster VIPs got no management address, the range %s-%s is full",
                        plan.siteId(), none, c.network().firstAddress(), c.network().lastAddress());
            }
        }
        return SitePlanBuilder.withContext(plan, c.siteStepsHostId(), c.network(), held.microVms(), held.vips());
    }

    /**
     * Each changed site's live clusters: as the batch left those it started from a kept state, read
     * (after the batch's writes) for the others.
     */
    private Map<String, List<LiveCluster>> liveClusters(Batch batch, List<SiteWork> changed) throws SQLException {
        Map<String, List<LiveCluster>> out = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (SiteWork site : changed) {
            site.liveClusters().ifPresentOrElse(live -> out.put(site.siteId(), live), () -> unknown.add(site.siteId()));
        }
        out.putAll(clusters.liveOnSites(batch.tx(), unknown));
        return out;
    }

    /**
     * The site's state once this transaction commits, if nobody changed the site between its read
     * and this batch's lock on the site row (the counters moved by exactly this batch's one plan);
     * otherwise none, and the next batch reads the site from the database.
     */
    static Optional<SiteSnapshot> stateAfterCommit(SiteWork site, SiteStore.Versions now,
                                                   List<LiveCluster> liveClusters) {
        SiteSnapshot read = site.snapshot();
        if (now.plan() != read.planVersion() + 1 || now.hosts() != read.hostsVersion()) {
            return Optional.empty();
        }
        Map<String, Long> generations = new HashMap<>(read.generations());
        site.touchedHosts().forEach(host -> generations.merge(host, 1L, Long::sum)); // what claimAll did
        List<Allocation> allocations = site.state().allocations().stream()
                .sorted(Comparator.comparing(Allocation::holderId)).toList();
        return Optional.of(new SiteSnapshot(read.site(), allocations, site.details(), generations, now.plan(),
                now.hosts(), liveClusters));
    }
}
