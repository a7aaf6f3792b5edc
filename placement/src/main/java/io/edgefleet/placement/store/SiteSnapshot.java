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
 */
public record SiteSnapshot(Site site, List<Allocation> allocations, Map<String, AllocationDetail> details,
                           Map<String, Long> generations, long planVersion, long hostsVersion) {
}
