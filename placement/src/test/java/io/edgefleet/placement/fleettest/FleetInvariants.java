package io.edgefleet.placement.fleettest;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of placement, judged from the outside after a run: from what PostgreSQL holds
 * (the {@code host}, {@code allocation}, {@code cluster} and {@code site} tables, capacity
 * recomputed here, independently of the engine) and from what placement published (outcomes and
 * the latest plan per site, {@link EventLog}).
 *
 * <ul>
 *   <li>every request has exactly one outcome: at least one outcome event, and one event id only
 *       (a duplicate request or a redelivery after a crash re-sends the first outcome's id);</li>
 *   <li>no host is over capacity in any dimension (pinned cores and hugepages and VFs per NUMA
 *       node, NUMA-bound memory per node, memory, shared vCPUs after pinning and overcommit, disk;
 *       a bare-metal worker alone on its host);</li>
 *   <li>no holder is allocated twice: each live cluster holds exactly the control-plane replicas
 *       and workers its spec asks for, and nothing holds capacity for a cluster that is gone;</li>
 *   <li>control-plane replicas of one cluster are on distinct hosts;</li>
 *   <li>every live cluster (its create accepted, not deleted or failed since) is in its site's
 *       latest published plan, and that plan is the last one PostgreSQL says was written.</li>
 * </ul>
 */
public final class FleetInvariants {
    private FleetInvariants() {
    }

    /** Counts of violations, and the first few described. */
    public record Report(int requests, int withoutOutcome, int duplicateOutcomes, int overCapacity,
                         int duplicateAllocations, int antiAffinity, int lostPlans, List<String> problems) {
        public boolean clean() {
            return withoutOutcome == 0 && duplicateOutcomes == 0 && overCapacity == 0 && duplicateAllocations == 0
                    && antiAffinity == 0 && lostPlans == 0;
        }

        @Override
        public String toString() {
            return "requests=" + requests + " without_outcome=" + withoutOutcome + " duplicate_outcomes="
                    + duplicateOutcomes + " over_capacity=" + overCapacity + " duplicate_allocations="
                    + duplicateAllocations + " anti_affinity=" + antiAffinity + " lost_plans=" + lostPlans
                    + (problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems));
        }
    }

    private static final int MAX_PROBLEMS = 20;

    /** Checks every invariant; {@code requestIds} are the request ids the run published. */
    public static Report check(Connection db, Collection<String> requestIds, EventLog log) throws SQLException {
        List<String> problems = new ArrayList<>();
        int without = 0;
        int duplicates = 0;
        for (String id : new HashSet<>(requestIds)) {
            Set<String> ids = log.outcomeIds().get(id);
            if (ids == null) {
                without++;
                note(problems, "no outcome for request " + id);
            } else if (ids.size() > 1) {
                duplicates++;
                note(problems, "request " + id + " has " + ids.size() + " outcome event ids " + ids);
            }
        }
        int over = overCapacity(db, problems);
        int doubled = allocationsVersusSpecs(db, problems);
        int spread = controlPlanesSharingHosts(db, problems);
        Set<String> acceptedCreates = new HashSet<>();
        for (String id : requestIds) {
            EventLog.Outcome o = log.outcome(id);
            if (o != null && o.accepted() && "CLUSTER_CREATE".equals(o.data().path("kind").asText())) {
                acceptedCreates.add(o.data().path("subjectId").asText());
            }
        }
        int lost = lostPlans(db, log, problems) + acceptedButUnknown(db, acceptedCreates, problems);
        return new Report(new HashSet<>(requestIds).size(), without, duplicates, over, doubled, spread, lost,
                List.copyOf(problems));
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    /** One host's capacity, as the engine's ledger defines it (system reserve taken from node 0 first). */
    private record HostCapacity(int[] cores, long[] memory, int[] huge, List<Map<String, Integer>> vfs,
                                int usableCores, long usableMemory, double ratio, long disk) {
    }

    private static Map<String, HostCapacity> hosts(Connection db) throws SQLException {
        Map<String, HostCapacity> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("select site_id, host_id, numa_nodes::text, reserved_cores,"
                + " reserved_memory_mib, cpu_allocation_ratio, disk_gib from host");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JsonNode numa = json(rs.getString(3));
                int n = numa.size();
                int[] cores = new int[n];
                long[] memory = new long[n];
                int[] huge = new int[n];
                List<Map<String, Integer>> vfs = new ArrayList<>();
                int coreReserve = rs.getInt(4);
                long memReserve = rs.getLong(5);
                int totalCores = 0;
                long totalMemory = 0;
                for (int i = 0; i < n; i++) {
                    JsonNode node = numa.get(i);
                    int c = node.path("cores").asInt();
                    long m = node.path("memoryMib").asLong();
                    totalCores += c;
                    totalMemory += m;
                    int rc = Math.min(coreReserve, c);
                    coreReserve -= rc;
                    long rm = Math.min(memReserve, m);
                    memReserve -= rm;
                    cores[i] = c - rc;
                    memory[i] = m - rm;
                    huge[i] = node.path("hugepages1Gi").asInt();
                    Map<String, Integer> v = new HashMap<>();
                    node.path("vfsByPhysnet").fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asInt()));
                    vfs.add(v);
                }
                out.put(rs.getString(1) + "/" + rs.getString(2), new HostCapacity(cores, memory, huge, vfs,
                        Math.max(0, totalCores - rs.getInt(4)), Math.max(0, totalMemory - rs.getLong(5)),
                        rs.getDouble(6), rs.getLong(7)));
            }
        }
        return out;
    }

    private static int overCapacity(Connection db, List<String> problems) throws SQLException {
        Map<String, HostCapacity> capacity = hosts(db);
        Map<String, List<Row>> byHost = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("select site_id, host_id, holder_id, kind, numa_node, vcpu,"
                + " pinned_cores, memory_mib, hugepages, vfs::text, disk_gib from allocation");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byHost.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                        .add(new Row(rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                                rs.getLong(8), rs.getInt(9), json(rs.getString(10)), rs.getLong(11)));
            }
        }
        int over = 0;
        for (Map.Entry<String, List<Row>> e : byHost.entrySet()) {
            HostCapacity cap = capacity.get(e.getKey());
            List<String> why = cap == null ? List.of("allocations on an unknown host") : exceeded(cap, e.getValue());
            if (!why.isEmpty()) {
                over++;
                note(problems, "host " + e.getKey() + " over capacity: " + why);
            }
        }
        return over;
    }

    private record Row(String holderId, String kind, int node, int vcpu, int pinned, long memory, int huge,
                       JsonNode vfs, long disk) {
    }

    private static List<String> exceeded(HostCapacity cap, List<Row> rows) {
        List<String> why = new ArrayList<>();
        int nodes = cap.cores().length;
        int[] pinned = new int[nodes];
        int[] huge = new int[nodes];
        long[] boundMemory = new long[nodes];
        List<Map<String, Integer>> vfs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            vfs.add(new HashMap<>());
        }
        int vcpu = 0;
        long memory = 0;
        long disk = 0;
        int pinnedTotal = 0;
        boolean bareMetal = false;
        for (Row r : rows) {
            vcpu += r.vcpu();
            memory += r.memory();
            disk += r.disk();
            pinnedTotal += r.pinned();
            bareMetal |= r.kind().equals("WORKER_BAREMETAL");
            if (r.pinned() == 0 && r.huge() == 0 && r.vfs().isEmpty() && !r.kind().equals("NF_REPLICA")) {
                continue; // not NUMA-bound
            }
            if (r.node() < 0 || r.node() >= nodes) {
                why.add(r.holderId() + " on NUMA node " + r.node() + " of " + nodes);
                continue;
            }
            pinned[r.node()] += r.pinned();
            huge[r.node()] += r.huge();
            boundMemory[r.node()] += r.memory();
            Iterator<Map.Entry<String, JsonNode>> it = r.vfs().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> v = it.next();
                vfs.get(r.node()).merge(v.getKey(), v.getValue().asInt(), Integer::sum);
            }
        }
        if (bareMetal && rows.size() > 1) {
            why.add("a bare-metal worker shares its host with " + (rows.size() - 1) + " other holders");
        }
        for (int i = 0; i < nodes; i++) {
            if (pinned[i] > cap.cores()[i]) {
                why.add("node " + i + " pinned cores " + pinned[i] + " > " + cap.cores()[i]);
            }
            if (huge[i] > cap.huge()[i]) {
                why.add("node " + i + " hugepages " + huge[i] + " > " + cap.huge()[i]);
            }
            if (boundMemory[i] > cap.memory()[i]) {
                why.add("node " + i + " NUMA-bound memory " + boundMemory[i] + " > " + cap.memory()[i]);
            }
            for (Map.Entry<String, Integer> v : vfs.get(i).entrySet()) {
                int have = cap.vfs().get(i).getOrDefault(v.getKey(), 0);
                if (v.getValue() > have) {
                    why.add("node " + i + " VFs of " + v.getKey() + " " + v.getValue() + " > " + have);
                }
            }
        }
        long shared = (long) Math.floor((cap.usableCores() - pinnedTotal) * cap.ratio() + 1e-9);
        if (!bareMetal && vcpu > shared) {
            why.add("shared vCPUs " + vcpu + " > " + shared);
        }
        if (!bareMetal && memory > cap.usableMemory()) {
            why.add("memory " + memory + " MiB > " + cap.usableMemory());
        }
        if (disk > cap.disk()) {
            why.add("disk " + disk + " GiB > " + cap.disk());
        }
        return why;
    }

    /**
     * Each live cluster holds exactly what its spec asks (control-plane replicas, workers), and no
     * allocation belongs to a cluster that is gone or unknown.
     */
    private static int allocationsVersusSpecs(Connection db, List<String> problems) throws SQLException {
        int bad = 0;
        try (PreparedStatement ps = db.prepareStatement("""
                select c.cluster_id, c.status,
                       (c.spec->'controlPlane'->>'replicas')::int,
                       coalesce((c.spec->'workers'->>'count')::int, 0), c.spec->'workers'->>'kind',
                       count(*) filter (where a.kind = 'CONTROL_PLANE'),
                       count(*) filter (where a.kind in ('WORKER_VM', 'WORKER_BAREMETAL'))
                from cluster c left join allocation a on a.owner_id = c.cluster_id
                group by c.cluster_id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String status = rs.getString(2);
                boolean live = !status.equals("DELETED") && !status.equals("FAILED");
                int cp = rs.getInt(6);
                int workers = rs.getInt(7);
                if (live && (cp != rs.getInt(3) || workers != rs.getInt(4))) {
                    bad++;
                    note(problems, "cluster " + rs.getString(1) + " (" + status + ") holds " + cp + " control planes and "
                            + workers + " workers, its spec asks " + rs.getInt(3) + " and " + rs.getInt(4));
                } else if (!live && cp + workers > 0) {
                    bad++;
                    note(problems, "cluster " + rs.getString(1) + " is " + status + " yet holds " + (cp + workers)
                            + " allocations");
                }
            }
        }
        try (PreparedStatement ps = db.prepareStatement("select holder_id, owner_id from allocation a"
                + " where a.kind <> 'NF_REPLICA' and not exists (select 1 from cluster c where c.cluster_id = a.owner_id)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bad++;
                note(problems, "allocation " + rs.getString(1) + " belongs to unknown cluster " + rs.getString(2));
            }
        }
        return bad;
    }

    private static int controlPlanesSharingHosts(Connection db, List<String> problems) throws SQLException {
        int bad = 0;
        try (PreparedStatement ps = db.prepareStatement("select owner_id, site_id, host_id, count(*) from allocation"
                + " where kind = 'CONTROL_PLANE' group by owner_id, site_id, host_id having count(*) > 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bad++;
                note(problems, "cluster " + rs.getString(1) + " has " + rs.getInt(4) + " control planes on host "
                        + rs.getString(2) + "/" + rs.getString(3));
            }
        }
        return bad;
    }

    /**
     * Every live cluster is in its site's latest published plan, which is the last plan written;
     * a cluster in a plan that PostgreSQL says is gone counts as well.
     */
    private static int lostPlans(Connection db, EventLog log, List<String> problems) throws SQLException {
        int lost = 0;
        Map<String, SitePlan> plans = log.latestPlans();
        try (PreparedStatement ps = db.prepareStatement("select site_id, plan_version from site where plan_version > 0");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                SitePlan plan = plans.get(rs.getString(1));
                if (plan == null || plan.version() != rs.getLong(2)) {
                    lost++;
                    note(problems, "site " + rs.getString(1) + ": plan " + rs.getLong(2) + " written, latest published "
                            + (plan == null ? "none" : plan.version()));
                }
            }
        }
        Map<String, Set<String>> planned = new HashMap<>();
        plans.forEach((site, plan) -> {
            Set<String> ids = new HashSet<>();
            for (PlannedCluster c : plan.clusters()) {
                ids.add(c.clusterId());
            }
            planned.put(site, ids);
        });
        try (PreparedStatement ps = db.prepareStatement("select cluster_id, site_id, status from cluster");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String status = rs.getString(3);
                boolean live = !status.equals("DELETED") && !status.equals("FAILED");
                boolean inPlan = planned.getOrDefault(rs.getString(2), Set.of()).contains(rs.getString(1));
                if (live != inPlan) {
                    lost++;
                    note(problems, "cluster " + rs.getString(1) + " is " + status + " but "
                            + (inPlan ? "still" : "not") + " in site " + rs.getString(2) + "'s latest plan");
                }
            }
        }
        return lost;
    }

    /** Accepted cluster creations that PostgreSQL does not know: an acceptance published for state never committed. */
    private static int acceptedButUnknown(Connection db, Collection<String> acceptedClusterIds, List<String> problems)
            throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement ps = db.prepareStatement("select cluster_id from cluster");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        }
        int lost = 0;
        for (String id : acceptedClusterIds) {
            if (!known.contains(id)) {
                lost++;
                note(problems, "cluster " + id + " was accepted but is unknown to PostgreSQL");
            }
        }
        return lost;
    }

    /** The plan version PostgreSQL says each site is at (0: never planned). */
    public static Map<String, Long> planVersions(Connection db) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("select site_id, plan_version from site");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Outbox rows not yet acknowledged by the broker. */
    public static long unsentOutbox(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select count(*) from outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text == null ? "{}" : text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable JSON column: " + text, e);
        }
    }
}
