package io.edgefleet.placement.store;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.Site;
import java.util.List;
import java.util.Map;

/**
 * A site as read inside one transaction: its hosts, what they hold (with each allocation's
 * details by holder id), and each host's generation at the time of reading (the optimistic
 * lock checked when the transaction writes allocations). {@code planVersion} and
 * {@code hostsVersion} are the site row's counters it was read at: together they identify this
 * state ({@link SiteStateCache}).
 *
 * <p>{@code liveClusters}, in cluster id order, are the site's live clusters at these counters, or
 * null when not known (a site read from the database for a decision; its plan reads them). They
 * can be kept with the rest because every change of a site's set of live clusters changes its plan
 * and so its {@code plan_version}: a cluster starts only with allocations on the site and ends only
 * through {@code ClusterRemoval}, which releases them.
 */
public record SiteSnapshot(Site site, List<Allocation> allocations, Map<String, AllocationDetail> details,
                           Map<String, Long> generations, long planVersion, long hostsVersion,
                           List<LiveCluster> liveClusters) {
}
