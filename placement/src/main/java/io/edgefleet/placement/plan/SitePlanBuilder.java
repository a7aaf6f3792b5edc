package io.edgefleet.placement.plan;

import io.edgefleet.events.outcome.NodePlacement;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.store.ClusterRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a site's full desired state from its allocations and live clusters. A plan carries no
 * history: an agent that missed every earlier plan converges from this one alone.
 */
public final class SitePlanBuilder {
    private SitePlanBuilder() {
    }

    public static SitePlan build(String siteId, long version, Collection<Allocation> allocations,
                                 List<ClusterRow> clusters) {
        Map<String, ClusterRow> byId = clusters.stream()
                .collect(Collectors.toMap(ClusterRow::clusterId, Function.identity()));
        List<Allocation> sorted = allocations.stream()
                .filter(a -> byId.containsKey(a.ownerId()))
                .sorted(Comparator.comparing(Allocation::holderId)).toList();
        List<PlannedMicroVm> microVms = new ArrayList<>();
        for (Allocation a : sorted) {
            if (a.kind().isMicroVm()) {
                microVms.add(new PlannedMicroVm(MicroVmIds.fromHolder(a.holderId()), a.ownerId(), role(a.kind()),
                        a.hostId(), a.resources().vcpu(), a.resources().memoryMib(),
                        (int) a.resources().diskGib(), byId.get(a.ownerId()).kubernetesVersion()));
            }
        }
        List<PlannedCluster> planned = clusters.stream().map(c -> new PlannedCluster(c.clusterId(), c.team(),
                c.kubernetesVersion(),
                ids(sorted, c.clusterId(), HolderKind.CONTROL_PLANE, true),
                ids(sorted, c.clusterId(), HolderKind.WORKER_VM, true),
                ids(sorted, c.clusterId(), HolderKind.WORKER_BAREMETAL, false))).toList();
        return new SitePlan(siteId, version, Instant.now().truncatedTo(ChronoUnit.MILLIS), microVms, planned,
                List.of());
    }

    /** Where a cluster's nodes are, for status events. */
    public static List<NodePlacement> placement(Collection<Allocation> allocations, String clusterId) {
        return allocations.stream()
                .filter(a -> a.ownerId().equals(clusterId) && a.kind() != HolderKind.NF_REPLICA)
                .sorted(Comparator.comparing(Allocation::holderId))
                .map(a -> new NodePlacement(MicroVmIds.fromHolder(a.holderId()), role(a.kind()), a.hostId()))
                .toList();
    }

    private static List<String> ids(List<Allocation> sorted, String clusterId, HolderKind kind, boolean microVmId) {
        return sorted.stream().filter(a -> a.ownerId().equals(clusterId) && a.kind() == kind)
                .map(a -> microVmId ? MicroVmIds.fromHolder(a.holderId()) : a.hostId()).toList();
    }

    private static MicroVmRole role(HolderKind kind) {
        return kind == HolderKind.CONTROL_PLANE ? MicroVmRole.CONTROL_PLANE : MicroVmRole.WORKER;
    }
}
