package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.NfNetwork;
import io.edgefleet.agent.cluster.NfNetworks;
import io.edgefleet.agent.cluster.NfPod;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.PodState;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.SitePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The network-function part of a cluster's steps, in the order the API server admits them: the team's
 * namespace, then the network attachments, then the pods; last, pods the plan no longer has go.
 */
final class NfSteps {
    private final NfPods pods;
    private final NfNetworks networks;

    NfSteps(NfPods pods, NfNetworks networks) {
        this.pods = pods;
        this.networks = networks;
    }

    List<Step> of(SitePlan plan, PlannedCluster cluster, ClusterState state) {
        List<PlannedNetworkFunction> nfs = plan.networkFunctions().stream()
                .filter(nf -> nf.clusterId().equals(cluster.clusterId())).toList();
        List<Step> steps = new ArrayList<>();
        if (!nfs.isEmpty()) {
            steps.addAll(prerequisites(cluster, nfs, state));
        }
        Set<String> wanted = new HashSet<>();
        for (PlannedNetworkFunction nf : nfs) {
            for (NfPod pod : pods.of(cluster, nf)) {
                wanted.add(pod.name());
                boolean current = state.pod(pod.name()).map(p -> pod.specHash().equals(p.specHash())).orElse(false);
                if (!current) {
                    steps.add(new ApplyNfPod(cluster, pod));
                }
            }
        }
        for (PodState pod : state.nfPods()) {
            if (!wanted.contains(pod.name())) {
                steps.add(new RemoveNfPod(cluster, pod.name()));
            }
        }
        return steps;
    }

    private List<Step> prerequisites(PlannedCluster cluster, List<PlannedNetworkFunction> nfs, ClusterState state) {
        List<Step> steps = new ArrayList<>();
        String namespace = pods.namespace(cluster);
        if (!state.hasNamespace(namespace)) {
            steps.add(new EnsureNfNamespace(cluster, namespace));
        }
        List<NfNetwork> needed = networks.of(cluster, nfs);
        if (!needed.stream().allMatch(state::hasNetwork)) {
            steps.add(new EnsureNfNetworks(cluster, needed));
        }
        return steps;
    }
}
