package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.store.AllocationDetail;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.NetworkFunctionStore;
import io.edgefleet.placement.store.RequestLog;
import io.edgefleet.placement.store.RetiringStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The writes of a request batch, decided in memory and written with one statement or one JDBC
 * batch per kind just before the commit ({@link #flush}): request-log rows, new clusters,
 * cluster changes, allocation deletes and inserts, retiring-microVM deletes. Reads of the batch
 * (request log, clusters, network functions) come from rows prefetched with one {@code any(?)}
 * query each and from what the batch itself decided, so a request sees every earlier request of
 * its batch exactly as if each write had gone to the database at once.
 *
 * <p>Network-function writes (rare) still go to the database at once; the per-site lists of live
 * network functions are dropped from the cache when one changes and read again on next use.
 */
final class PendingWrites {
    private final Connection tx;
    private final RequestLog requestLog;
    private final ClusterStore clusterStore;
    private final NetworkFunctionStore nfStore;
    private final AllocationStore allocationStore;
    private final RetiringStore retiringStore;

    /** Request ids looked up so far: the stored outcome, or empty (not decided yet). */
    private final Map<String, Optional<RequestLog.StoredOutcome>> outcomes = new HashMap<>();
    private final List<RequestLog.Entry> newOutcomes = new ArrayList<>();

    /** Cluster ids looked up so far: their current row in this transaction, or empty. */
    private final Map<String, Optional<ClusterRow>> clusters = new HashMap<>();
    private final Map<String, ClusterRow> newClusters = new LinkedHashMap<>();
    private final Map<String, ClusterStore.Change> changedClusters = new LinkedHashMap<>();

    private final Map<String, Optional<NetworkFunctionRow>> networkFunctions = new HashMap<>();
    private final Map<String, List<NetworkFunctionRow>> liveNetworkFunctions = new HashMap<>();

    /** Holders whose row existed before this batch and goes (deleted first). */
    private final Set<String> deletedHolders = new LinkedHashSet<>();
    /** The rows of holders placed by this batch and still held at its end. */
    private final Map<String, AllocationStore.Row> placedHolders = new LinkedHashMap<>();
    private final Set<String> retiringDeletedForClusters = new LinkedHashSet<>();

    PendingWrites(Connection tx, RequestLog requestLog, ClusterStore clusterStore, NetworkFunctionStore nfStore,
                  AllocationStore allocationStore, RetiringStore retiringStore) {
        this.tx = tx;
        this.requestLog = requestLog;
        this.clusterStore = clusterStore;
        this.nfStore = nfStore;
        this.allocationStore = allocationStore;
        this.retiringStore = retiringStore;
    }

    /** Reads ahead, one statement per kind, what the batch's requests will look up. */
    void prefetch(Collection<String> requestIds, Collection<String> clusterOrNfIds, Collection<String> siteIds)
            throws SQLException {
        Map<String, RequestLog.StoredOutcome> stored = requestLog.findAll(tx, requestIds);
        for (String id : requestIds) {
            outcomes.putIfAbsent(id, Optional.ofNullable(stored.get(id)));
        }
        Map<String, ClusterRow> c = clusterStore.findAll(tx, clusterOrNfIds);
        Map<String, NetworkFunctionRow> n = nfStore.findAll(tx, clusterOrNfIds);
        for (String id : clusterOrNfIds) {
            clusters.putIfAbsent(id, Optional.ofNullable(c.get(id)));
            networkFunctions.putIfAbsent(id, Optional.ofNullable(n.get(id)));
        }
        Map<String, List<NetworkFunctionRow>> live = nfStore.liveOnSites(tx, siteIds);
        live.forEach(liveNetworkFunctions::putIfAbsent);
    }

    Optional<RequestLog.StoredOutcome> outcome(String requestId) throws SQLException {
        Optional<RequestLog.StoredOutcome> known = outcomes.get(requestId);
        if (known == null) {
            known = requestLog.find(tx, requestId);
            outcomes.put(requestId, known);
        }
        return known;
    }

    void recordOutcome(RequestLog.Entry entry) {
        Optional<RequestLog.StoredOutcome> known = outcomes.get(entry.requestId());
        if (known != null && known.isPresent()) {
            // What the insert would have hit at once: the id is decided already.
            throw new IllegalStateException("request " + entry.requestId() + " already has an outcome");
        }
        outcomes.put(entry.requestId(), Optional.of(new RequestLog.StoredOutcome(entry.outcomeCeType(),
                entry.outcomeJson(), entry.outcomeEventId())));
        newOutcomes.add(entry);
    }

    Optional<ClusterRow> cluster(String clusterId) throws SQLException {
        Optional<ClusterRow> known = clusters.get(clusterId);
        if (known == null) {
            known = clusterStore.find(tx, clusterId);
            clusters.put(clusterId, known);
        }
        return known;
    }

    void insertCluster(ClusterRow row) throws SQLException {
        if (cluster(row.clusterId()).isPresent()) {
            throw new IllegalStateException("cluster " + row.clusterId() + " exists already");
        }
        newClusters.put(row.clusterId(), row);
        clusters.put(row.clusterId(), Optional.of(row));
    }

    /** As {@link ClusterStore#transition}, on the row as this batch left it. */
    boolean transitionCluster(String clusterId, List<ClusterStatus> from, ClusterStatus to, String reason)
            throws SQLException {
        Optional<ClusterRow> row = cluster(clusterId);
        if (row.isEmpty() || !from.contains(row.get().status())) {
            return false;
        }
        ClusterRow r = row.get();
        change(r.withStatus(to, reason), from);
        return true;
    }

    /** As {@link ClusterStore#updateSpec}. */
    void updateClusterSpec(String clusterId, String spec) throws SQLException {
        Optional<ClusterRow> row = cluster(clusterId);
        if (row.isEmpty()) {
            return;
        }
        ClusterRow r = row.get();
        change(r.withSpec(spec), null);
    }

    private void change(ClusterRow row, List<ClusterStatus> from) {
        clusters.put(row.clusterId(), Optional.of(row));
        if (newClusters.containsKey(row.clusterId())) {
            newClusters.put(row.clusterId(), row);
            return;
        }
        ClusterStore.Change earlier = changedClusters.get(row.clusterId());
        // The first status condition is the one the stored row must still meet.
        List<ClusterStatus> expected = earlier != null && earlier.expected() != null ? earlier.expected() : from;
        changedClusters.put(row.clusterId(), new ClusterStore.Change(row, expected));
    }

    Optional<NetworkFunctionRow> networkFunction(String nfId) throws SQLException {
        Optional<NetworkFunctionRow> known = networkFunctions.get(nfId);
        if (known == null) {
            known = nfStore.find(tx, nfId);
            networkFunctions.put(nfId, known);
        }
        return known;
    }

    List<NetworkFunctionRow> liveNetworkFunctions(String siteId) throws SQLException {
        List<NetworkFunctionRow> known = liveNetworkFunctions.get(siteId);
        if (known == null) {
            known = nfStore.liveOnSite(tx, siteId);
            liveNetworkFunctions.put(siteId, known);
        }
        return known;
    }

    /** A network function was written to the database: forget what was cached about it. */
    void networkFunctionChanged(String nfId, String siteId) {
        networkFunctions.remove(nfId);
        liveNetworkFunctions.remove(siteId);
    }

    void deleteAllocations(Collection<Allocation> released) {
        for (Allocation a : released) {
            if (placedHolders.remove(a.holderId()) == null) {
                deletedHolders.add(a.holderId());
            }
        }
    }

    void insertAllocations(String siteId, Collection<Allocation> placed, Map<String, AllocationDetail> details) {
        for (Allocation a : placed) {
            placedHolders.put(a.holderId(), new AllocationStore.Row(siteId, a, details.get(a.holderId())));
        }
    }

    void deleteRetiringForCluster(String clusterId) {
        retiringDeletedForClusters.add(clusterId);
    }

    /**
     * Writes everything, one statement or JDBC batch per kind, rows in a fixed order (by site,
     * host and id), before the plans are built from the database.
     *
     * @throws ConcurrentAllocationException when a cluster changed under this batch
     */
    void flush() throws SQLException, ConcurrentAllocationException {
        requestLog.recordAll(tx, newOutcomes);
        List<ClusterRow> inserts = new ArrayList<>(newClusters.values());
        inserts.sort(Comparator.comparing(ClusterRow::siteId).thenComparing(ClusterRow::clusterId));
        clusterStore.insertAll(tx, inserts);
        List<ClusterStore.Change> changes = new ArrayList<>(changedClusters.values());
        changes.sort(Comparator.comparing((ClusterStore.Change c) -> c.row().siteId())
                .thenComparing(c -> c.row().clusterId()));
        clusterStore.applyAll(tx, changes);
        allocationStore.deleteHolders(tx, new TreeSet<>(deletedHolders));
        List<AllocationStore.Row> rows = new ArrayList<>(placedHolders.values());
        rows.sort(Comparator.comparing(AllocationStore.Row::siteId).thenComparing(r -> r.allocation().hostId())
                .thenComparing(r -> r.allocation().holderId()));
        allocationStore.insertRows(tx, rows);
        retiringStore.deleteForClusters(tx, new TreeSet<>(retiringDeletedForClusters));
        newOutcomes.clear();
        newClusters.clear();
        changedClusters.clear();
        deletedHolders.clear();
        placedHolders.clear();
        retiringDeletedForClusters.clear();
    }
}
