package io.edgefleet.agent.reconcile;

import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The network-function replicas a plan puts on one host, and what they pin there (pure). */
final class HostReplicas {
    private HostReplicas() {
    }

    static List<PlannedNfReplica> on(SitePlan plan, String hostId) {
        return plan.networkFunctions().stream().flatMap(nf -> nf.replicas().stream())
                .filter(r -> hostId.equals(r.hostId())).toList();
    }

    /** Every core the plan pins to a network-function replica on the host. */
    static SortedSet<Integer> pinnedCores(SitePlan plan, String hostId) {
        SortedSet<Integer> pinned = new TreeSet<>();
        on(plan, hostId).forEach(r -> pinned.addAll(r.pinnedCores()));
        return pinned;
    }
}
