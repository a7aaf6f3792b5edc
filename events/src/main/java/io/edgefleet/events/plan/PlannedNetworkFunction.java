package io.edgefleet.events.plan;

import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.List;

/**
 * One network function the site should run, replica by replica.
 *
 * @param nfId      the network function
 * @param clusterId the cluster its pods run in
 * @param kind      UPF, DU or CU
 * @param replicas  where each replica goes and what it holds
 * @param vendor    optional: whose implementation of the kind, as requested; null for the site's default
 */
public record PlannedNetworkFunction(
        String nfId, String clusterId, NetworkFunctionKind kind, List<PlannedNfReplica> replicas, String vendor) {

    /** A network function of the site's default image of its kind. */
    public PlannedNetworkFunction(String nfId, String clusterId, NetworkFunctionKind kind, List<PlannedNfReplica> replicas) {
        this(nfId, clusterId, kind, replicas, null);
    }

    public PlannedNetworkFunction {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }
}
