package io.edgefleet.api.teams;

import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import java.util.HashSet;
import java.util.Set;

/**
 * Sums a team's usage over the read side: its live clusters from the cluster statuses, and the
 * microVMs and NF replicas of those clusters in every site's latest plan. A plan also lists the
 * old side of a control plane that is moving until its successor runs, so during a move this may
 * count a microVM twice; placement's own sums (from its allocations) are the ones it enforces.
 */
public final class TeamUsages {
    private TeamUsages() {
    }

    public static TeamUsage of(FleetView view, String team) {
        Set<String> clusters = new HashSet<>();
        Set<String> sites = new HashSet<>();
        for (ClusterStatusChanged c : view.clusters()) {
            if (team.equals(c.team()) && c.status() != ClusterStatus.DELETED && c.status() != ClusterStatus.FAILED) {
                clusters.add(c.clusterId());
                sites.add(c.siteId());
            }
        }
        long vcpu = 0;
        long memoryMib = 0;
        long pinnedCores = 0;
        for (String siteId : sites) {
            SitePlan plan = view.plan(siteId).orElse(null);
            if (plan == null) {
                continue;
            }
            for (PlannedMicroVm vm : plan.microVms()) {
                if (clusters.contains(vm.clusterId())) {
                    vcpu += vm.vcpu();
                    memoryMib += vm.memoryMib();
                }
            }
            for (PlannedNetworkFunction nf : plan.networkFunctions()) {
                if (clusters.contains(nf.clusterId())) {
                    for (PlannedNfReplica r : nf.replicas()) {
                        pinnedCores += r.pinnedCores().size();
                    }
                }
            }
        }
        return new TeamUsage(vcpu, memoryMib, pinnedCores, clusters.size());
    }
}
