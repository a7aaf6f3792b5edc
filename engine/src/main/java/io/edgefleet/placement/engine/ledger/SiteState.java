package io.edgefleet.placement.engine.ledger;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger of one site: its hosts, every allocation on them and the free capacity that
 * follows. Immutable; {@link #apply} returns the state after a decision, which is what the
 * placement service gets when it persists the decision and reloads.
 */
public final class SiteState {

    private final Site site;
    private final HostLedger[] hosts;
    private final Map<String, Integer> indexById;
    private final Map<String, Allocation> allocations; // by holder id, insertion ordered

    private SiteState(Site site, HostLedger[] hosts, Map<String, Integer> indexById,
                      Map<String, Allocation> allocations) {
        this.site = site;
        this.hosts = hosts;
        this.indexById = indexById;
        this.allocations = allocations;
    }

    /**
     * Builds the ledger of {@code site} holding {@code allocations}.
     *
     * @throws IllegalArgumentException when an allocation names an unknown host or NUMA node,
     *                                  or two allocations share a holder id
     */
    public static SiteState of(Site site, Collection<Allocation> allocations) {
        HostLedger[] ledgers = new HostLedger[site.hosts().size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ledgers.length; i++) {
            Host h = site.hosts().get(i);
            ledgers[i] = HostLedger.empty(h);
            index.put(h.id(), i);
        }
        Map<String, Allocation> byHolder = new LinkedHashMap<>();
        for (Allocation a : allocations) {
            Integer i = index.get(a.hostId());
            if (i == null) {
                throw new IllegalArgumentException(a.holderId() + ": unknown host " + a.hostId()
                        + " in site " + site.id());
            }
            if (byHolder.put(a.holderId(), a) != null) {
                throw new IllegalArgumentException("duplicate holder " + a.holderId());
            }
            ledgers[i] = ledgers[i].with(a);
        }
        return new SiteState(site, ledgers, Collections.unmodifiableMap(index), byHolder);
    }

    public Site site() {
        return site;
    }

    /** Number of hosts. */
    public int hostCount() {
        return hosts.length;
    }

    /** Ledger of the host at position {@code i} of the site's host list. */
    public HostLedger host(int i) {
        return hosts[i];
    }

    /** Ledger of host {@code hostId}, or null when the site has no such host. */
    public HostLedger host(String hostId) {
        Integer i = indexById.get(hostId);
        return i == null ? null : hosts[i];
    }

    /** Position of {@code hostId} in the host list, or -1. */
    public int indexOf(String hostId) {
        return indexById.getOrDefault(hostId, -1);
    }

    /** All allocations, in the order they were added. */
    public Collection<Allocation> allocations() {
        return Collections.unmodifiableCollection(allocations.values());
    }

    /** The allocation of {@code holderId}, or null. */
    public Allocation allocation(String holderId) {
        return allocations.get(holderId);
    }

    /** Allocations of one cluster or network function. */
    public List<Allocation> allocationsOf(String ownerId) {
        List<Allocation> out = new ArrayList<>();
        for (Allocation a : allocations.values()) {
            if (a.ownerId().equals(ownerId)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Allocations held on {@code hostId}. */
    public List<Allocation> allocationsOn(String hostId) {
        List<Allocation> out = new ArrayList<>();
        for (Allocation a : allocations.values()) {
            if (a.hostId().equals(hostId)) {
                out.add(a);
            }
        }
        return out;
    }

    /** A copy of the host ledgers, as scratch space for a decision. */
    public HostLedger[] ledgers() {
        return hosts.clone();
    }

    /**
     * State after releasing {@code released} and adding {@code placed}. Releases go first, so a
     * holder that moves (same holder id, new host) can appear in both lists.
     */
    public SiteState apply(Collection<Allocation> placed, Collection<Allocation> released) {
        HostLedger[] ledgers = hosts.clone();
        Map<String, Allocation> byHolder = new LinkedHashMap<>(allocations);
        for (Allocation a : released) {
            Allocation current = byHolder.get(a.holderId());
            if (current == null || !current.equals(a)) {
                throw new IllegalArgumentException("cannot release " + a.holderId()
                        + ": not held as given");
            }
            byHolder.remove(a.holderId());
            int i = indexById.get(a.hostId());
            ledgers[i] = ledgers[i].without(a);
        }
        for (Allocation a : placed) {
            Integer i = indexById.get(a.hostId());
            if (i == null) {
                throw new IllegalArgumentException(a.holderId() + ": unknown host " + a.hostId());
            }
            if (byHolder.put(a.holderId(), a) != null) {
                throw new IllegalArgumentException("duplicate holder " + a.holderId());
            }
            ledgers[i] = ledgers[i].with(a);
        }
        return new SiteState(site, ledgers, indexById, byHolder);
    }

    /** State with the site's host list replaced (e.g. a host went DOWN); allocations kept. */
    public SiteState withSite(Site newSite) {
        return of(newSite, allocations.values());
    }
}
