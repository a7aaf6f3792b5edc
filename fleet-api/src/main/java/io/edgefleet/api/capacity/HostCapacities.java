package io.edgefleet.api.capacity;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.placement.engine.model.NumaNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Computes each host's capacity, allocations and free space from two published facts: the
 * agent's inventory (heartbeat) and placement's plan for the site. The arithmetic follows
 * placement's ledger: the system reserve comes from NUMA node 0 first; pinned cores, hugepages,
 * VFs and NF memory come from one node; microVM vCPUs share the unpinned cores times the
 * allocation ratio; microVM memory comes from the host as a whole. Memory is ordinary memory as
 * the engine books it ({@link NumaNode#ordinaryMemoryMib}): an agent reports a node's whole memory,
 * and its 1 GiB hugepage pool is counted under hugepages, never as free memory.
 */
public final class HostCapacities {
    /** Placement's defaults for hosts whose agent reports no ratio or disk. */
    public static final double DEFAULT_ALLOCATION_RATIO = 4.0;
    public static final long DEFAULT_DISK_GIB = 1800;

    private HostCapacities() {
    }

    /**
     * @param visibleTeam  whether the caller may see a team's holder ids
     * @param stateOf      the host's current state (a later host report may override the heartbeat's)
     */
    public static List<HostView> of(String siteId, List<HostInventory> inventory, SitePlan plan,
                                    Function<HostInventory, HostState> stateOf, Predicate<String> visibleTeam) {
        Map<String, PlannedCluster> clusters = new HashMap<>();
        if (plan != null) {
            plan.clusters().forEach(c -> clusters.put(c.clusterId(), c));
        }
        List<HostView> hosts = new ArrayList<>();
        for (HostInventory host : inventory) {
            hosts.add(host(siteId, host, plan, clusters, stateOf.apply(host), visibleTeam));
        }
        return hosts;
    }

    private static HostView host(String siteId, HostInventory host, SitePlan plan, Map<String, PlannedCluster> clusters,
                                 HostState state, Predicate<String> visibleTeam) {
        int nodes = host.numaNodes().size();
        int[] pinned = new int[nodes];
        int[] huge = new int[nodes];
        long[] nodeMem = new long[nodes];
        List<Map<String, Integer>> vfs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            vfs.add(new TreeMap<>());
        }
        List<Allocation> allocations = new ArrayList<>();
        String heldBy = null;
        long vcpuUsed = 0;
        long memUsed = 0;
        long diskUsed = 0;
        if (plan != null) {
            for (PlannedCluster c : plan.clusters()) {
                if (c.workerHostIds().contains(host.hostId())) {
                    boolean visible = visibleTeam.test(c.team());
                    heldBy = visible ? c.clusterId() : "(another team)";
                    allocations.add(new Allocation("BARE_METAL_WORKER", visible ? host.hostId() : null,
                            heldBy, visible ? c.team() : null, null, 0, 0, 0, 0, 0, Map.of()));
                }
            }
            for (PlannedMicroVm vm : plan.microVms()) {
                if (!vm.hostId().equals(host.hostId())) {
                    continue;
                }
                vcpuUsed += vm.vcpu();
                memUsed += vm.memoryMib();
                diskUsed += vm.diskGib();
                String team = teamOf(clusters, vm.clusterId());
                boolean visible = visibleTeam.test(team);
                allocations.add(new Allocation(vm.role().name(), visible ? vm.microVmId() : null,
                        visible ? vm.clusterId() : "(another team)", visible ? team : null, null, vm.vcpu(), 0,
                        vm.memoryMib(), 0, vm.diskGib(), Map.of()));
            }
            for (PlannedNetworkFunction nf : plan.networkFunctions()) {
                for (PlannedNfReplica r : nf.replicas()) {
                    if (!r.hostId().equals(host.hostId())) {
                        continue;
                    }
                    int node = indexOf(host, r.numaNode());
                    if (node >= 0) {
                        pinned[node] += r.pinnedCores().size();
                        huge[node] += r.hugepages1Gi();
                        nodeMem[node] += r.memoryMib();
                        r.vfsByPhysnet().forEach((net, n) -> vfs.get(node).merge(net, n, Integer::sum));
                    }
                    memUsed += r.memoryMib();
                    String team = teamOf(clusters, nf.clusterId());
                    boolean visible = visibleTeam.test(team);
                    allocations.add(new Allocation("NETWORK_FUNCTION", visible ? nf.nfId() + "/" + r.index() : null,
                            visible ? nf.clusterId() : "(another team)", visible ? team : null, r.numaNode(), 0,
                            r.pinnedCores().size(), r.memoryMib(), r.hugepages1Gi(), 0, r.vfsByPhysnet()));
                }
            }
        }

        int totalCores = 0;
        long totalMem = 0;
        int totalHuge = 0;
        int hugeUsed = 0;
        int pinnedUsed = 0;
        for (NumaInventory n : host.numaNodes()) {
            totalCores += n.cores();
            totalMem += ordinaryMemory(n);
            totalHuge += n.hugepages1Gi();
        }
        for (int i = 0; i < nodes; i++) {
            pinnedUsed += pinned[i];
            hugeUsed += huge[i];
        }
        int reservedCores = Math.min(host.reservedCores(), totalCores);
        long reservedMem = Math.min(host.reservedMemoryMib(), totalMem);
        Amount hostMem = Amount.of(totalMem, reservedMem, memUsed);

        List<NumaCapacity> numa = new ArrayList<>();
        int coreReserve = reservedCores;
        long memReserve = reservedMem;
        for (int i = 0; i < nodes; i++) {
            NumaInventory n = host.numaNodes().get(i);
            int c = Math.min(coreReserve, n.cores());
            coreReserve -= c;
            long m = Math.min(memReserve, ordinaryMemory(n));
            memReserve -= m;
            Amount nodeMemory = Amount.of(ordinaryMemory(n), m, nodeMem[i]);
            nodeMemory = new Amount(nodeMemory.total(), nodeMemory.reserved(), nodeMemory.used(),
                    Math.min(nodeMemory.free(), hostMem.free()));
            Map<String, Amount> nodeVfs = new TreeMap<>();
            Map<String, Integer> usedVfs = vfs.get(i);
            n.vfsByPhysnet().forEach((net, total) -> nodeVfs.put(net, Amount.of(total, 0, usedVfs.getOrDefault(net, 0))));
            numa.add(new NumaCapacity(n.index(), Amount.of(n.cores(), c, pinned[i]), nodeMemory,
                    Amount.of(n.hugepages1Gi(), 0, huge[i]), nodeVfs));
        }

        double ratio = host.cpuAllocationRatio() == null || host.cpuAllocationRatio() <= 0
                ? DEFAULT_ALLOCATION_RATIO : host.cpuAllocationRatio();
        int sharedCores = Math.max(0, totalCores - reservedCores - pinnedUsed);
        long vcpuCapacity = (long) Math.floor(sharedCores * ratio + 1e-9);
        double sharedCoresUsed = Math.min(sharedCores, vcpuUsed / ratio);
        CpuBreakdown cpu = new CpuBreakdown(totalCores, reservedCores, pinnedUsed, round(sharedCoresUsed),
                round(sharedCores - sharedCoresUsed), ratio, vcpuCapacity, vcpuUsed,
                Math.max(0, vcpuCapacity - vcpuUsed));
        long disk = host.diskGib() == null || host.diskGib() == 0 ? DEFAULT_DISK_GIB : host.diskGib();
        if (heldBy != null) {
            // A bare-metal worker holds the whole host: nothing is free for anyone else.
            cpu = new CpuBreakdown(totalCores, reservedCores, pinnedUsed, round(totalCores - reservedCores - pinnedUsed),
                    0, ratio, vcpuCapacity, vcpuUsed, 0);
            hostMem = new Amount(totalMem, reservedMem, totalMem - reservedMem, 0);
        }
        return new HostView(host.hostId(), siteId, host.failureDomain(), state, host.capabilities(), heldBy, cpu,
                hostMem, Amount.of(totalHuge, 0, hugeUsed), Amount.of(disk, 0, diskUsed), numa, allocations);
    }

    private static long ordinaryMemory(NumaInventory node) {
        return NumaNode.ordinaryMemoryMib(node.memoryMib(), node.hugepages1Gi());
    }

    private static String teamOf(Map<String, PlannedCluster> clusters, String clusterId) {
        PlannedCluster c = clusters.get(clusterId);
        return c == null ? null : c.team();
    }

    private static int indexOf(HostInventory host, int numaIndex) {
        for (int i = 0; i < host.numaNodes().size(); i++) {
            if (host.numaNodes().get(i).index() == numaIndex) {
                return i;
            }
        }
        return -1;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
