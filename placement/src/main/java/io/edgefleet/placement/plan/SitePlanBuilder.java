package io.edgefleet.placement.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.outcome.NodePlacement;
import io.edgefleet.events.outcome.ReplicaPlacement;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.images.ImageCatalogues;
import io.edgefleet.placement.store.AllocationDetail;
import io.edgefleet.placement.store.LiveCluster;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.RetiringMicroVm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a site's full desired state from its allocations, live clusters and network functions,
 * and the retiring old sides of make-before-break moves. A plan carries no history: an agent
 * that missed every earlier plan converges from this one alone.
 */
public final class SitePlanBuilder {
    private SitePlanBuilder() {
    }

    public static SitePlan build(String siteId, long version, Collection<Allocation> allocations,
                                 Map<String, AllocationDetail> details, List<LiveCluster> clusters,
                                 List<NetworkFunctionRow> networkFunctions, List<RetiringMicroVm> retiring) {
        Map<String, LiveCluster> byId = clusters.stream()
                .collect(Collectors.toMap(LiveCluster::clusterId, Function.identity()));
        List<Allocation> sorted = allocations.stream()
                .sorted(Comparator.comparing(Allocation::holderId)).toList();
        List<PlannedMicroVm> microVms = new ArrayList<>();
        for (Allocation a : sorted) {
            if (a.kind().isMicroVm() && byId.containsKey(a.ownerId())) {
                microVms.add(new PlannedMicroVm(microVmId(a, details), a.ownerId(), role(a.kind()),
                        a.hostId(), a.resources().vcpu(), a.resources().memoryMib(),
                        (int) a.resources().diskGib(), byId.get(a.ownerId()).versionOf(a.holderId())));
            }
        }
        List<RetiringMicroVm> old = retiring.stream().filter(r -> byId.containsKey(r.clusterId())).toList();
        for (RetiringMicroVm r : old) {
            microVms.add(new PlannedMicroVm(r.microVmId(), r.clusterId(), MicroVmRole.valueOf(r.role()), r.hostId(),
                    r.vcpu(), r.memoryMib(), (int) r.diskGib(),
                    byId.get(r.clusterId()).versionOf(holderOf(r.replacedBy(), details))));
        }
        List<PlannedCluster> planned = clusters.stream().map(c -> new PlannedCluster(c.clusterId(), c.team(),
                c.kubernetesVersion(),
                microVmIds(sorted, details, old, c.clusterId(), HolderKind.CONTROL_PLANE),
                microVmIds(sorted, details, old, c.clusterId(), HolderKind.WORKER_VM),
                sorted.stream().filter(a -> a.ownerId().equals(c.clusterId())
                        && a.kind() == HolderKind.WORKER_BAREMETAL).map(Allocation::hostId).toList(),
                null, c.initMicroVmId(), nfHostIds(sorted, c.clusterId()))).toList();
        List<PlannedNetworkFunction> nfs = networkFunctions.stream().map(nf -> new PlannedNetworkFunction(nf.nfId(),
                nf.clusterId(), NetworkFunctionKind.valueOf(nf.kind()),
                sorted.stream().filter(a -> a.ownerId().equals(nf.nfId()) && a.kind() == HolderKind.NF_REPLICA)
                        .map(a -> new PlannedNfReplica(replicaIndex(a.holderId()), a.hostId(), a.numaNode(),
                                details.containsKey(a.holderId()) ? details.get(a.holderId()).coreIds() : List.of(),
                                a.resources().hugepages(), a.resources().memoryMib(), a.resources().vfs()))
                        .toList(), vendorOf(nf))).toList();
        return new SitePlan(siteId, version, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ImageCatalogues.pinned(microVms), planned, nfs); // each microVM's node image by digest (ADR 0034)
    }

    /**
     * The plan with what it says beside its workloads: the host that runs the site-level steps
     * (ADR 0019), the site's network, each microVM's management address with the MAC it implies
     * (ADR 0020) and each cluster's API VIP; a microVM without an address in {@code addresses}, or a
     * cluster without one in {@code vips}, gets none.
     */
    public static SitePlan withContext(SitePlan plan, String siteStepsHostId, SiteNetwork network,
                                       Map<String, Long> addresses, Map<String, Long> vips) {
        List<PlannedMicroVm> microVms = plan.microVms().stream().map(vm -> {
            Long address = addresses.get(vm.microVmId());
            String ip = address == null ? null : Ipv4.format(address);
            return new PlannedMicroVm(vm.microVmId(), vm.clusterId(), vm.role(), vm.hostId(), vm.vcpu(), vm.memoryMib(),
                    vm.diskGib(), vm.kubernetesVersion(), ip, ip == null ? null : Ipv4.macFor(ip), vm.imageDigest());
        }).toList();
        List<PlannedCluster> clusters = plan.clusters().stream().map(c -> {
            Long vip = vips.get(c.clusterId());
            return new PlannedCluster(c.clusterId(), c.team(), c.kubernetesVersion(), c.controlPlaneMicroVmIds(),
                    c.workerMicroVmIds(), c.workerHostIds(), vip == null ? null : Ipv4.format(vip), c.initMicroVmId(),
                    c.nfHostIds());
        }).toList();
        return new SitePlan(plan.siteId(), plan.version(), plan.generatedAt(), microVms, clusters,
                plan.networkFunctions(), siteStepsHostId, network);
    }

    /** The vendor the NF's request named (its stored spec is the request), or null. */
    static String vendorOf(NetworkFunctionRow nf) {
        try {
            JsonNode vendor = EventJson.mapper().readTree(nf.spec()).get("vendor");
            return vendor == null || !vendor.isTextual() ? null : vendor.asText();
        } catch (JsonProcessingException e) {
            // the spec is what placement itself stored after validating the request: unreadable means a bug
            throw new IllegalStateException("network function " + nf.nfId() + ": stored spec is not JSON", e);
        }
    }

    /** Hosts running the cluster's NF replicas that are not its bare-metal workers, sorted (ADR 0026). */
    private static List<String> nfHostIds(List<Allocation> sorted, String clusterId) {
        Set<String> bareMetal = sorted.stream().filter(a -> a.kind() == HolderKind.WORKER_BAREMETAL
                && a.ownerId().equals(clusterId)).map(Allocation::hostId).collect(Collectors.toSet());
        return sorted.stream().filter(a -> a.kind() == HolderKind.NF_REPLICA && a.clusterId().equals(clusterId))
                .map(Allocation::hostId).filter(h -> !bareMetal.contains(h)).distinct().sorted().toList();
    }

    /** Where a cluster's nodes are, for status events. */
    public static List<NodePlacement> placement(Collection<Allocation> allocations,
                                                Map<String, AllocationDetail> details, String clusterId) {
        return allocations.stream()
                .filter(a -> a.ownerId().equals(clusterId) && a.kind() != HolderKind.NF_REPLICA)
                .sorted(Comparator.comparing(Allocation::holderId))
                .map(a -> new NodePlacement(a.kind().isMicroVm() ? microVmId(a, details) : null, role(a.kind()),
                        a.hostId()))
                .toList();
    }

    /** Where a network function's replicas are, for status events. */
    public static List<ReplicaPlacement> replicas(Collection<Allocation> allocations, String nfId) {
        return allocations.stream()
                .filter(a -> a.ownerId().equals(nfId) && a.kind() == HolderKind.NF_REPLICA)
                .sorted(Comparator.comparing(Allocation::holderId))
                .map(a -> new ReplicaPlacement(replicaIndex(a.holderId()), a.hostId(), a.numaNode()))
                .toList();
    }

    private static String microVmId(Allocation a, Map<String, AllocationDetail> details) {
        AllocationDetail d = details.get(a.holderId());
        return d != null && d.microVmId() != null ? d.microVmId() : MicroVmIds.fromHolder(a.holderId());
    }

    private static List<String> microVmIds(List<Allocation> sorted, Map<String, AllocationDetail> details,
                                           List<RetiringMicroVm> retiring, String clusterId, HolderKind kind) {
        List<String> out = new ArrayList<>(sorted.stream().filter(a -> a.ownerId().equals(clusterId) && a.kind() == kind)
                .map(a -> microVmId(a, details)).toList());
        String role = kind == HolderKind.CONTROL_PLANE ? "CONTROL_PLANE" : "WORKER";
        retiring.stream().filter(r -> r.clusterId().equals(clusterId) && r.role().equals(role))
                .forEach(r -> out.add(r.microVmId()));
        return out;
    }

    /** The holder whose microVM is {@code microVmId}: a retiring microVM runs the version of its replacement. */
    private static String holderOf(String microVmId, Map<String, AllocationDetail> details) {
        return details.entrySet().stream().filter(e -> microVmId.equals(e.getValue().microVmId()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** {@code upf-1/r-2} is replica 2. */
    static int replicaIndex(String holderId) {
        int dash = holderId.lastIndexOf('-');
        try {
            return Integer.parseInt(holderId.substring(dash + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static MicroVmRole role(HolderKind kind) {
        return kind == HolderKind.CONTROL_PLANE ? MicroVmRole.CONTROL_PLANE : MicroVmRole.WORKER;
    }
}
