package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterNodes;
import io.edgefleet.agent.nodeconfig.NodeConfigurator;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import java.util.List;
import java.util.SortedSet;

/**
 * Whether this agent's host is a Kubernetes node of a cluster in the plan (one of its bare-metal workers or
 * NF hosts, {@link ClusterNodes#hosts}) and, if so, the step that configures it (pure). A host that is no
 * cluster's node gets no step: its files are left as they are.
 */
final class NodeHostSteps {
    private NodeHostSteps() {
    }

    /** The step for the configurator's host, or none (no configurator, or not a node host in this plan). */
    static List<Step> of(SitePlan plan, NodeConfigurator configurator) {
        if (configurator == null) {
            return List.of();
        }
        String host = configurator.hostId();
        boolean nodeHost = plan.clusters().stream().anyMatch(c -> ClusterNodes.hosts(c).contains(host));
        if (!nodeHost) {
            return List.of();
        }
        SortedSet<Integer> pinned = HostReplicas.pinnedCores(plan, host);
        // A bare-metal worker runs no microVM (placement keeps them off); an NF host keeps a stable share for them.
        boolean bareMetal = plan.clusters().stream().anyMatch(c -> c.workerHostIds().contains(host));
        long nfMemoryMib = HostReplicas.on(plan, host).stream().mapToLong(PlannedNfReplica::memoryMib).sum();
        long microVmMemoryMib = bareMetal ? 0 : configurator.microVmShareMib(nfMemoryMib);
        return List.of(new ConfigureNodeHost(configurator, pinned, microVmMemoryMib));
    }
}
