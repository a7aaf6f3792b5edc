package io.edgefleet.placement.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sites' working state (hosts, generations, allocations, live clusters) kept between batches, so
 * a batch reads two counters per site instead of every host, allocation and live cluster of every
 * site it touches. An entry is used only while the site row still shows the {@code plan_version}
 * and {@code hosts_version} it was taken at: every change of a site's allocations or live clusters
 * bumps the first (SitePlans), every change of its host rows the second (a trigger, V9), and both
 * only grow, so an entry can never match a state it does not describe. Entries are put only after
 * their transaction committed (a rolled-back transaction's counters are reused by the next
 * writer). A wrong generation in an entry can only make a claim fail and the batch retry, never
 * double-book a host.
 */
public final class SiteStateCache {
    private final int maxSites;
    private final Map<String, SiteSnapshot> entries = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();

    public SiteStateCache(int maxSites) {
        this.maxSites = maxSites;
    }

    /** The site's state if the entry was taken at exactly these counters. */
    Optional<SiteSnapshot> get(String siteId, long planVersion, long hostsVersion) {
        SiteSnapshot s = entries.get(siteId);
        if (s != null && s.planVersion() == planVersion && s.hostsVersion() == hostsVersion) {
            hits.incrementAndGet();
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** Keeps committed states (immutable copies); a newer entry of a site is never replaced by an older one. */
    public void remember(Collection<SiteSnapshot> committed) {
        if (entries.size() + committed.size() > maxSites) {
            entries.clear(); // simple bound: the next batches read their sites again
        }
        for (SiteSnapshot s : committed) {
            SiteSnapshot frozen = new SiteSnapshot(s.site(), List.copyOf(s.allocations()), Map.copyOf(s.details()),
                    Map.copyOf(s.generations()), s.planVersion(), s.hostsVersion(),
                    s.liveClusters() == null ? null : List.copyOf(s.liveClusters()));
            entries.merge(s.site().id(), frozen, (old, now) -> now.planVersion() > old.planVersion()
                    || now.planVersion() == old.planVersion() && now.hostsVersion() >= old.hostsVersion() ? now : old);
        }
    }

    /** Drops every entry (after a conflict: the next batches read from the database). */
    public void forgetAll() {
        entries.clear();
    }

    /** The entry of a site, whatever its counters (for tests and diagnostics). */
    public Optional<SiteSnapshot> peek(String siteId) {
        return Optional.ofNullable(entries.get(siteId));
    }

    public long hits() {
        return hits.get();
    }
}
