package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.placement.store.SiteStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit of work of one transaction (a polled batch, or one lifecycle step): the sites it
 * touched, the events it will publish through the outbox when it commits, and what the metrics
 * will count once it did commit (a rolled-back batch counts nothing).
 */
public final class Batch {
    /** The CloudEvent source of everything placement publishes. */
    public static final String SOURCE = "/placement";

    /** A request's outcome, counted after commit. */
    record Tally(String outcome, String kind, String reason) {
    }

    private final Connection tx;
    private final SiteStore sites;
    private final Map<String, Optional<SiteWork>> siteWork = new LinkedHashMap<>();
    private final List<EncodedEvent> events = new ArrayList<>();
    /** The events as written to the outbox, with their row ids: handed to the relay after commit. */
    private List<io.edgefleet.placement.outbox.OutboxEntry> outboxed = List.of();
    private final List<Tally> tallies = new ArrayList<>();
    private final List<String[]> deadLetters = new ArrayList<>();
    /** The earliest Kafka timestamp of a request that changed each site's plan. */
    private final Map<String, Long> firstRequestAt = new HashMap<>();

    /** Clusters whose control plane this batch changed (now SCALING), by site: see {@link ScalingPlanVersions}. */
    private final Map<String, java.util.Set<String>> scaledControlPlanes = new java.util.TreeMap<>();

    /** The states of the sites this batch changed, as they will be once it committed. */
    private final List<io.edgefleet.placement.store.SiteSnapshot> afterCommit = new ArrayList<>();

    /** The writes kept until the end of the batch, or null: every write goes to the database at once. */
    private PendingWrites pending;

    public Batch(Connection tx, SiteStore sites) {
        this.tx = tx;
        this.sites = sites;
    }

    /** From now on, writes wait in memory until {@link #flush}; reads see them. */
    void deferWrites(PendingWrites writes) {
        this.pending = writes;
    }

    PendingWrites pending() {
        return pending;
    }

    /** Reads ahead the working state of these sites with one statement per table. */
    void prefetchSites(java.util.Collection<String> siteIds) throws SQLException {
        java.util.List<String> missing = siteIds.stream().filter(id -> id != null && !siteWork.containsKey(id))
                .distinct().sorted().toList();
        Map<String, io.edgefleet.placement.store.SiteSnapshot> loaded = sites.loadAll(tx, missing);
        for (String id : missing) {
            siteWork.put(id, Optional.ofNullable(loaded.get(id)).map(SiteWork::new));
        }
    }

    /** Writes what waits in memory (nothing when writes are not deferred). */
    void flush() throws SQLException, io.edgefleet.placement.store.ConcurrentAllocationException {
        if (pending != null) {
            pending.flush();
        }
    }

    Optional<io.edgefleet.placement.store.ClusterRow> cluster(io.edgefleet.placement.store.ClusterStore clusters,
                                                             String clusterId) throws SQLException {
        return pending != null ? pending.cluster(clusterId) : clusters.find(tx, clusterId);
    }

    Optional<io.edgefleet.placement.store.NetworkFunctionRow> networkFunction(
            io.edgefleet.placement.store.NetworkFunctionStore networkFunctions, String nfId) throws SQLException {
        return pending != null ? pending.networkFunction(nfId) : networkFunctions.find(tx, nfId);
    }

    public Connection tx() {
        return tx;
    }

    /** The site's working state, read on first use in this batch; empty if the site is unknown. */
    public Optional<SiteWork> site(String siteId) throws SQLException {
        Optional<SiteWork> cached = siteWork.get(siteId);
        if (cached == null) {
            cached = sites.load(tx, siteId).map(SiteWork::new);
            siteWork.put(siteId, cached);
        }
        return cached;
    }

    void rememberAfterCommit(io.edgefleet.placement.store.SiteSnapshot state) {
        afterCommit.add(state);
    }

    /**
     * Call once the transaction committed: hands the sites' committed states to the cache, those it
     * changed as they are now and those it only read as read.
     */
    public void committed() {
        List<io.edgefleet.placement.store.SiteSnapshot> states = new ArrayList<>(afterCommit);
        for (Optional<SiteWork> work : siteWork.values()) {
            work.filter(w -> !w.planChanged()).ifPresent(w -> states.add(w.snapshot()));
        }
        sites.cache().remember(states);
    }

    public void emit(EventPayload payload) {
        events.add(CloudEventCodec.encode(CloudEvent.of(SOURCE, payload)));
    }

    /** Emits with a fixed event id (a request's one outcome keeps its id when published again). */
    void emit(EventPayload payload, String eventId) {
        events.add(CloudEventCodec.encode(CloudEvent.of(SOURCE, eventId,
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), payload)));
    }

    void emit(EncodedEvent event) {
        events.add(event);
    }

    void deadLetter(EncodedEvent event, String topic, String code) {
        events.add(event);
        deadLetters.add(new String[] {topic, code});
    }

    void tally(String outcome, String kind, String reason) {
        tallies.add(new Tally(outcome, kind, reason));
    }

    void requestTouched(String siteId, long kafkaTimestamp) {
        if (kafkaTimestamp > 0) {
            firstRequestAt.merge(siteId, kafkaTimestamp, Math::min);
        }
    }

    /** How many changes the batch applied to this site so far (0 if it was not read): cheap, per record. */
    int changesOf(String siteId) {
        Optional<SiteWork> work = siteId == null ? null : siteWork.get(siteId);
        return work == null ? 0 : work.map(SiteWork::changes).orElse(0);
    }

    /** The cluster's control plane changed in this batch: the site's new plan is the one that carries it. */
    void controlPlaneScaled(String siteId, String clusterId) {
        scaledControlPlanes.computeIfAbsent(siteId, k -> new java.util.TreeSet<>()).add(clusterId);
    }

    Map<String, java.util.Set<String>> scaledControlPlanes() {
        return scaledControlPlanes;
    }

    List<SiteWork> changedSites() {
        return siteWork.values().stream().flatMap(Optional::stream).filter(SiteWork::planChanged).toList();
    }

    List<EncodedEvent> events() {
        return events;
    }

    void outboxed(List<io.edgefleet.placement.outbox.OutboxEntry> written) {
        outboxed = written;
    }

    /** The outbox rows this batch's transaction wrote (empty before {@code SitePlans.finish}). */
    public List<io.edgefleet.placement.outbox.OutboxEntry> outboxed() {
        return outboxed;
    }

    List<Tally> tallies() {
        return tallies;
    }

    List<String[]> deadLetters() {
        return deadLetters;
    }

    Map<String, Long> firstRequestAt() {
        return firstRequestAt;
    }
}
