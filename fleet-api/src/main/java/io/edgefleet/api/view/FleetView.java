package io.edgefleet.api.view;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The read side: the latest status of every cluster and network function, the outcome of every
 * request, the latest plan and heartbeat of every site, as placement and the agents published
 * them. Rebuilt from Kafka at every start; {@link #version()} moves on every change so that
 * live views (the dashboard stream) know when to send an update.
 */
@ApplicationScoped
public class FleetView {
    private final Map<String, ClusterStatusChanged> clusters = new ConcurrentHashMap<>();
    private final Map<String, NetworkFunctionStatusChanged> networkFunctions = new ConcurrentHashMap<>();
    private final Map<String, RequestOutcome> outcomes = new ConcurrentHashMap<>();
    /** The newest rejected creation of each network function id: an NF that was never placed has no status. */
    private final Map<String, RequestRejected> nfCreateRejections = new ConcurrentHashMap<>();
    private final Map<String, SitePlan> plans = new ConcurrentHashMap<>();
    private final Map<String, AgentHeartbeat> heartbeats = new ConcurrentHashMap<>();
    private final Map<String, AgentHeartbeat> inventories = new ConcurrentHashMap<>();
    private final Map<String, HostStateChanged> hostStates = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** Keeps the newer of two statuses of a cluster (events may be replayed or reordered across restarts). */
    public void apply(ClusterStatusChanged status) {
        clusters.merge(status.clusterId(), status,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
        version.incrementAndGet();
    }

    public void apply(NetworkFunctionStatusChanged status) {
        networkFunctions.merge(nfKey(status.clusterId(), status.nfId()), status,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
        version.incrementAndGet();
    }

    public void apply(RequestAccepted accepted) {
        outcomes.putIfAbsent(accepted.requestId(), RequestOutcome.accepted(accepted));
        version.incrementAndGet();
    }

    public void apply(RequestRejected rejected) {
        RequestOutcome outcome = RequestOutcome.rejected(rejected);
        outcomes.putIfAbsent(rejected.requestId(), outcome);
        if (rejected.kind() == RequestKind.NETWORK_FUNCTION_CREATE && rejected.subjectId() != null) {
            nfCreateRejections.merge(rejected.subjectId(), rejected,
                    (old, neu) -> neu.rejectedAt().isBefore(old.rejectedAt()) ? old : neu);
        }
        version.incrementAndGet();
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

    /** A tombstone on the compacted status topic: the key's status is gone. */
    public void forgetStatus(String key) {
        if (key != null && (clusters.remove(key) != null || networkFunctions.remove(key) != null)) {
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
        return Optional.ofNullable(nfCreateRejections.get(nfId));
    }

    /** The newest rejected creation of every network function id, in id order. */
    public List<RequestRejected> rejectedCreations() {
        return nfCreateRejections.values().stream().sorted(Comparator.comparing(RequestRejected::subjectId)).toList();
    }

    public Optional<RequestOutcome> outcome(String requestId) {
        return Optional.ofNullable(outcomes.get(requestId));
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
