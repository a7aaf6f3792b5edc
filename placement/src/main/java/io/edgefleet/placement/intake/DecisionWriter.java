package io.edgefleet.placement.intake;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.plan.MicroVmIds;
import io.edgefleet.placement.store.AllocationDetail;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.RetiringMicroVm;
import io.edgefleet.placement.store.RetiringStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Persists an engine decision in the batch's transaction and advances the site's working state.
 *
 * <p>A move (same holder in {@code placed} and {@code released}) of a microVM gets a NEW microVM
 * id; with make-before-break the old one stays in the plan as retiring until the new one reports
 * RUNNING. A network-function replica gets its exact core ids here, once, so later plans never
 * re-pin it.
 */
@ApplicationScoped
public class DecisionWriter {
    @Inject
    AllocationStore allocations;
    @Inject
    RetiringStore retiring;

    public void write(Batch batch, SiteWork site, Decision decision, boolean makeBeforeBreak) throws SQLException {
        write(batch, site, decision, makeBeforeBreak, Map.of());
    }

    /** As above; {@code attempts} overrides the retry count of the given holders. */
    public void write(Batch batch, SiteWork site, Decision decision, boolean makeBeforeBreak, Map<String, Integer> attempts)
            throws SQLException {
        Map<String, Allocation> released = new HashMap<>();
        decision.released().forEach(a -> released.put(a.holderId(), a));
        Map<String, AllocationDetail> placedDetails = new HashMap<>();
        List<RetiringMicroVm> retire = new ArrayList<>();
        Map<String, Set<Integer>> takenCores = takenCores(site, released.keySet());
        for (Allocation a : decision.placed()) {
            Allocation old = released.get(a.holderId());
            AllocationDetail oldDetail = old == null ? null : site.details().get(a.holderId());
            String microVmId = null;
            if (a.kind().isMicroVm()) {
                microVmId = old == null ? MicroVmIds.fromHolder(a.holderId()) : newIncarnation(batch, a.holderId());
                if (old != null && makeBeforeBreak && oldDetail != null && oldDetail.microVmId() != null) {
                    retire.add(new RetiringMicroVm(oldDetail.microVmId(), site.siteId(), old.ownerId(),
                            old.kind() == HolderKind.CONTROL_PLANE ? "CONTROL_PLANE" : "WORKER", old.hostId(),
                            old.resources().vcpu(), old.resources().memoryMib(), old.resources().diskGib(),
                            microVmId));
                }
            }
            List<Integer> cores = a.kind() == HolderKind.NF_REPLICA ? pickCores(site, a, takenCores) : List.of();
            int tries = attempts.getOrDefault(a.holderId(), oldDetail == null ? 0 : oldDetail.attempts());
            placedDetails.put(a.holderId(), new AllocationDetail(microVmId, cores, tries));
        }
        if (batch.pending() != null) {
            batch.pending().deleteAllocations(decision.released());
            batch.pending().insertAllocations(site.siteId(), decision.placed(), placedDetails);
        } else {
            allocations.delete(batch.tx(), decision.released());
            allocations.insert(batch.tx(), site.siteId(), decision.placed(), placedDetails);
        }
        retiring.insert(batch.tx(), retire);
        site.apply(decision, placedDetails);
    }

    private static String newIncarnation(Batch batch, String holderId) throws SQLException {
        try (PreparedStatement ps = batch.tx().prepareStatement("select nextval('microvm_incarnation')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return MicroVmIds.fromHolder(holderId) + "-" + Long.toString(rs.getLong(1), 36);
        }
    }

    /** Core ids pinned now per "host/node", ignoring holders about to be released. */
    private static Map<String, Set<Integer>> takenCores(SiteWork site, Set<String> releasing) {
        Map<String, Set<Integer>> taken = new HashMap<>();
        for (Allocation a : site.state().allocations()) {
            AllocationDetail d = site.details().get(a.holderId());
            if (a.kind() == HolderKind.NF_REPLICA && d != null && !releasing.contains(a.holderId())) {
                taken.computeIfAbsent(a.hostId() + "/" + a.numaNode(), k -> new HashSet<>()).addAll(d.coreIds());
            }
        }
        return taken;
    }

    /**
     * The highest free core ids of the replica's NUMA node: the ids its agent discovered, or, for an agent that
     * reports none, the node's cores numbered node after node. The system reserve keeps the lowest ids, taken
     * from node 0 first as the engine books it (the kernel, the agent and the VMMs' I/O threads live there).
     */
    private static List<Integer> pickCores(SiteWork site, Allocation a, Map<String, Set<Integer>> taken) {
        Host host = site.state().host(a.hostId()).host();
        List<Integer> ids = coreIds(host, a.numaNode());
        int reserve = host.reserved().cores();
        for (int i = 0; i < a.numaNode(); i++) {
            reserve -= Math.min(reserve, host.numaNodes().get(i).cores());
        }
        List<Integer> usable = ids.subList(Math.min(reserve, ids.size()), ids.size());
        Set<Integer> used = taken.computeIfAbsent(a.hostId() + "/" + a.numaNode(), k -> new HashSet<>());
        List<Integer> out = new ArrayList<>();
        for (int i = usable.size() - 1; i >= 0 && out.size() < a.resources().pinnedCores(); i--) {
            if (used.add(usable.get(i))) {
                out.add(usable.get(i));
            }
        }
        out.sort(null);
        return out;
    }

    /** The node's core ids, ascending: as discovered, or numbered node after node when not reported. */
    static List<Integer> coreIds(Host host, int node) {
        NumaNode n = host.numaNodes().get(node);
        if (!n.coreIds().isEmpty()) {
            return n.coreIds();
        }
        int first = 0;
        for (int i = 0; i < node; i++) {
            first += host.numaNodes().get(i).cores();
        }
        List<Integer> ids = new ArrayList<>();
        for (int id = first; id < first + n.cores(); id++) {
            ids.add(id);
        }
        return ids;
    }
}
