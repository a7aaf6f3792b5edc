package io.edgefleet.agent.cluster;

import java.util.List;
import java.util.Map;

/**
 * One node as its cluster's API server reported it.
 *
 * @param name   the node name (a microVM id for microVM nodes, a host id for bare-metal workers)
 * @param ready  whether its Ready condition is True
 * @param labels its labels
 * @param taints its taints
 */
public record NodeState(String name, boolean ready, Map<String, String> labels, List<NodeTaint> taints) {
    public NodeState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
    }

    /** Whether the node carries every given label and taint (it may carry more). */
    public boolean has(Map<String, String> wantedLabels, List<NodeTaint> wantedTaints) {
        return labels.entrySet().containsAll(wantedLabels.entrySet()) && taints.containsAll(wantedTaints);
    }
}
