package io.edgefleet.api.view;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The read side: the latest status of every cluster and network function, the limits placement holds for every
 * team, the outcomes of the newest requests (a bounded window, docs/adr/0028), the latest plan and heartbeat of
 * every site, as placement and the agents published them. Rebuilt from Kafka at every start; {@link #version()} moves on every change so that
 * live views (the dashboard stream) know when to send an update.
 *
 * <p>Everything held is bounded by the fleet (clusters, network functions, teams, sites, hosts) except outcomes, which
 * grow with the request rate: those are held for {@code edgefleet.api.outcomes.max-age} and at most
 * {@code edgefleet.api.outcomes.max-entries} of them, and so are refused network function creations.
 */
@ApplicationScoped
public class FleetView {
    private final Map<String, ClusterStatusChanged> clusters = new ConcurrentHashMap<>();
    private final Map<String, NetworkFunctionStatusChanged> networkFunctions = new ConcurrentHashMap<>();
    // Set once while the bean is made (configure), before the feed starts.
    private volatile Clock clock = Clock.systemUTC();
    private volatile OutcomeWindow outcomes = new OutcomeWindow(OutcomeLimits.DEFAULT, clock);
    /** The newest rejected creation of each network function id: an NF that was never placed has no status. */
    private volatile RefusedCreations nfCreateRejections = new RefusedCreations(OutcomeLimits.DEFAULT, clock);
    private final Map<String, SitePlan> plans = new ConcurrentHashMap<>();
    private final Map<String, AgentHeartbeat> heartbeats = new ConcurrentHashMap<>();
    private final Map<String, AgentHeartbeat> inventories = new ConcurrentHashMap<>();
    private final Map<String, HostStateChanged> hostStates = new ConcurrentHashMap<>();
    /** The newest consolidation event of each site (one per site: bounded by the fleet). */
    private final Map<String, SiteConsolidationChanged> consolidations = new ConcurrentHashMap<>();
    /** The limits placement holds for each team, from its newest {@code TeamQuotaChanged} (one per team). */
    private final Map<String, TeamQuotaChanged> teamQuotas = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    /** Site ids and rejection codes, shared by the outcomes that repeat them (a fleet has thousands of sites). */
    private final SharedStrings strings = new SharedStrings(100_000);

    /** A view with the default outcome window. */
    public FleetView() {
    }

    /** A view with this outcome window, ages counted on {@code clock}. */
    public FleetView(OutcomeLimits limits, Clock clock) {
        limit(limits, clock);
    }

    @Inject
    void configure(@ConfigProperty(name = "edgefleet.api.outcomes.max-age", defaultValue = "1h") Duration maxAge,
                   @ConfigProperty(name = "edgefleet.api.outcomes.max-entries", defaultValue = "100000") int maxEntries) {
        limit(new OutcomeLimits(maxAge, maxEntries), Clock.systemUTC());
    }

    private void limit(OutcomeLimits limits, Clock clock) {
        this.clock = clock;
        this.outcomes = new OutcomeWindow(limits, clock);
        this.nfCreateRejections = new RefusedCreations(limits, clock);
    }

    /**
     * Keeps the newer of two statuses of a cluster (events may be replayed or reordered across restarts), with
     * the version and upgrade progress the older one said if the newer one says none ({@link ClusterVersions}).
     */
    public void apply(ClusterStatusChanged status) {
        clusters.merge(status.clusterId(), status,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : ClusterVersions.carried(old, neu));
        version.incrementAndGet();
    }

    public void apply(NetworkFunctionStatusChanged status) {
        networkFunctions.merge(nfKey(status.clusterId(), status.nfId()), status,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
        version.incrementAndGet();
    }

    /** An acceptance published now. */
    public void apply(RequestAccepted accepted) {
        apply(accepted, clock.millis());
    }

    /** An acceptance published at {@code publishedAt} (epoch ms, its record's timestamp): its age counts from then. */
    public void apply(RequestAccepted accepted, long publishedAt) {
        if (outcomes.add(RequestOutcome.accepted(accepted, strings), orNow(publishedAt))) {
            version.incrementAndGet();
        }
    }

    /** A rejection published now. */
    public void apply(RequestRejected rejected) {
        apply(rejected, clock.millis());
    }

    /** A rejection published at {@code publishedAt} (epoch ms, its record's timestamp): its age counts from then. */
    public void apply(RequestRejected rejected, long publishedAt) {
        publishedAt = orNow(publishedAt);
        boolean held = outcomes.add(RequestOutcome.rejected(rejected, strings), publishedAt);
        if (rejected.kind() == RequestKind.NETWORK_FUNCTION_CREATE && rejected.subjectId() != null) {
            nfCreateRejections.add(rejected, publishedAt);
            held = true;
        }
        if (held) {
            version.incrementAndGet();
        }
    }

    /** A record without a timestamp (-1) counts as published when read. */
    private long orNow(long publishedAt) {
        return publishedAt < 0 ? clock.millis() : publishedAt;
    }

    /** Lets go of outcomes and refusals older than the window; called after every poll, so it happens when quiet too. */
    public void expireOutcomes() {
        if (outcomes.expire() + nfCreateRejections.expire() > 0) {
            version.incrementAndGet();
        }
    }

    /** Keeps the plan with the highest version of each site (the compacted topic may replay older ones). */
    public void apply(SitePlan plan) {
        plans.merge(plan.siteId(), plan, (old, neu) -> neu.version() < old.version() ? old : neu);
        version.incrementAndGet();
    }

    /**
     * Keeps the newest heartbeat of each site (its liveness) and, apart, the newest one that
     * carried the inventory: a light heartbeat (ADR 0013) has no hosts, and must not make the site
     * look empty until its next full one.
     */
    public void apply(AgentHeartbeat heartbeat) {
        heartbeats.merge(heartbeat.siteId(), heartbeat,
                (old, neu) -> neu.sentAt().isBefore(old.sentAt()) ? old : neu);
        if (heartbeat.carriesInventory()) {
            inventories.merge(heartbeat.siteId(), heartbeat,
                    (old, neu) -> neu.sentAt().isBefore(old.sentAt()) ? old : neu);
        }
        version.incrementAndGet();
    }

    public void apply(HostStateChanged change) {
        hostStates.merge(change.siteId() + "/" + change.hostId(), change,
                (old, neu) -> neu.observedAt().isBefore(old.observedAt()) ? old : neu);
        version.incrementAndGet();
    }

    /** Keeps a site's newest consolidation state: a newer consolidation, or a later state of the same one. */
    public void apply(SiteConsolidationChanged change) {
        consolidations.merge(change.siteId(), change,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
        version.incrementAndGet();
    }

    /** The site's latest consolidation, if the view saw one. */
    public Optional<SiteConsolidationChanged> consolidation(String siteId) {
        return Optional.ofNullable(consolidations.get(siteId));
    }

    /**
     * Keeps a team's newest limits: each event carries all of them, so the newer replaces the older as a whole
     * (the compacted topic may replay an older one after a newer).
     */
    public void apply(TeamQuotaChanged change) {
        teamQuotas.merge(change.team(), change, (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
        version.incrementAndGet();
    }

    /** The limits placement holds for the team, if it published any. */
    public Optional<TeamQuotaChanged> teamQuota(String team) {
        return Optional.ofNullable(teamQuotas.get(team));
    }

    /** A tombstone on the compacted status topic: the key's status (or a team's limits) is gone. */
    public void forgetStatus(String key) {
        if (key == null) {
            return;
        }
        boolean forgot = key.startsWith(TeamQuotaChanged.KEY_PREFIX)
                ? teamQuotas.remove(key.substring(TeamQuotaChanged.KEY_PREFIX.length())) != null
                : clusters.remove(key) != null || networkFunctions.remove(key) != null;
        if (forgot) {
            version.incrementAndGet();
        }
    }

    public long version() {
        return version.get();
    }

    public Optional<ClusterStatusChanged> cluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
    }

    public List<ClusterStatusChanged> clusters() {
        return clusters.values().stream().sorted(Comparator.comparing(ClusterStatusChanged::clusterId)).toList();
    }

    public List<NetworkFunctionStatusChanged> networkFunctions() {
        return networkFunctions.values().stream()
                .sorted(Comparator.comparing(NetworkFunctionStatusChanged::nfId)
                        .thenComparing(NetworkFunctionStatusChanged::clusterId)).toList();
    }

    /** Network functions with this id (ids are unique per cluster, so there may be several). */
    public List<NetworkFunctionStatusChanged> networkFunctions(String nfId) {
        return networkFunctions().stream().filter(nf -> nf.nfId().equals(nfId)).toList();
    }

    /** The newest rejected request to create network function {@code nfId}, if any. */
    public Optional<RequestRejected> rejectedCreation(String nfId) {
        return nfCreateRejections.get(nfId);
    }

    /** The newest rejected creation of every network function id, in id order. */
    public List<RequestRejected> rejectedCreations() {
        return nfCreateRejections.all();
    }

    /**
     * The request's outcome while it is within the window; empty if fleet-api has none (not decided yet, or never
     * received).
     *
     * @throws OutcomeAgedOut (410) if fleet-api held it and it has left the window since
     */
    public Optional<RequestOutcome> outcome(String requestId) {
        Optional<RequestOutcome> held = outcomes.get(requestId);
        if (held.isEmpty() && outcomes.agedOut(requestId)) {
            throw new OutcomeAgedOut(requestId, outcomes.limits().describe(), outcomes.oldestPublishedAt()
                    .map(Object::toString).orElse("(none: every outcome left the window)"));
        }
        return held;
    }

    /** The outcome window's limits. */
    public OutcomeLimits outcomeLimits() {
        return outcomes.limits();
    }

    /** Outcomes held now. */
    public int outcomesHeld() {
        return outcomes.size();
    }

    /** Outcomes that left the window since start, for {@code reason} "age" or "count". */
    public long outcomesEvicted(String reason) {
        return "count".equals(reason) ? outcomes.evictedForCount() : outcomes.evictedForAge();
    }

    /** Seconds since the oldest held outcome was published (0 when none is held). */
    public double outcomesReachSeconds() {
        return outcomes.reachSeconds();
    }

    /** Every site known from a plan or a heartbeat, sorted. */
    public List<String> siteIds() {
        return Stream.concat(plans.keySet().stream(), heartbeats.keySet().stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    public Optional<SitePlan> plan(String siteId) {
        return Optional.ofNullable(plans.get(siteId));
    }

    /** The site's newest heartbeat, full or light: liveness, agent version. */
    public Optional<AgentHeartbeat> heartbeat(String siteId) {
        return Optional.ofNullable(heartbeats.get(siteId));
    }

    /** The site's newest heartbeat that carried its inventory (empty until a full one was seen). */
    public Optional<AgentHeartbeat> inventory(String siteId) {
        return Optional.ofNullable(inventories.get(siteId));
    }

    /** A host state reported after the last heartbeat wins over the heartbeat's. */
    public Optional<HostStateChanged> hostState(String siteId, String hostId) {
        return Optional.ofNullable(hostStates.get(siteId + "/" + hostId));
    }

    static String nfKey(String clusterId, String nfId) {
        return clusterId + "/" + nfId;
    }
}
