package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.host.CpuList;
import io.edgefleet.agent.nodeconfig.NodeConfigurator;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps the kubelet and the SR-IOV device plugin of this agent's host, a Kubernetes node of a cluster in the
 * plan, configured for the network functions pinned there: shouldDo when a rendered file differs from the one
 * on the host (or an earlier run left a restart undone), perform writes and restarts what changed. It acts on
 * the host through the configurator, not through the target: only the host's own agent can.
 *
 * @param configurator     this host's files and services
 * @param pinnedCores      cores the plan pins to network-function replicas on this host
 * @param microVmMemoryMib memory kept from the kubelet for the host's microVMs ({@link NodeConfigurator#microVmShareMib})
 */
record ConfigureNodeHost(NodeConfigurator configurator, SortedSet<Integer> pinnedCores, long microVmMemoryMib)
        implements Step {

    ConfigureNodeHost {
        pinnedCores = Collections.unmodifiableSortedSet(new TreeSet<>(pinnedCores));
    }

    @Override
    public boolean shouldDo(Target target) {
        return !configurator.applied(pinnedCores, microVmMemoryMib);
    }

    @Override
    public void perform(Target target) {
        configurator.apply(pinnedCores, microVmMemoryMib);
    }

    @Override
    public boolean verify(Target target) {
        return configurator.applied(pinnedCores, microVmMemoryMib);
    }

    @Override
    public String describe() {
        return "configure the kubelet and SR-IOV device plugin of node host " + configurator.hostId() + " (pinned cores "
                + (pinnedCores.isEmpty() ? "none" : CpuList.format(pinnedCores)) + ", microVM memory "
                + microVmMemoryMib + " MiB)";
    }
}
