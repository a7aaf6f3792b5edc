package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;
import java.util.Map;

/**
 * A team asks to run a network function in one of its clusters
 * ({@code io.edgefleet.networkfunction.requested.v1}). Every replica gets the same exclusive
 * resources, all from one NUMA node, and replicas land on distinct hosts.
 *
 * @param nfId          the network function's id (DNS label)
 * @param team          owning team
 * @param siteId        the site
 * @param clusterId     the cluster the NF pods run in
 * @param kind          UPF, DU or CU
 * @param replicas      number of replicas
 * @param pinnedCores   exclusive CPU cores per replica
 * @param hugepages1Gi  1 GiB hugepages per replica
 * @param memoryMib     ordinary memory per replica, MiB
 * @param vfsByPhysnet  SR-IOV virtual functions per replica, by physical network name
 * @param vendor        optional: whose implementation of the kind (e.g. {@code acme}); the site agent maps kind
 *                      and vendor to a container image, null for the site's default image of the kind
 */
public record NetworkFunctionRequested(
        String nfId,
        String team,
        String siteId,
        String clusterId,
        NetworkFunctionKind kind,
        int replicas,
        int pinnedCores,
        int hugepages1Gi,
        long memoryMib,
        Map<String, Integer> vfsByPhysnet,
        String vendor) implements EventPayload {

    public NetworkFunctionRequested {
        vfsByPhysnet = vfsByPhysnet == null ? Map.of() : Map.copyOf(vfsByPhysnet);
    }

    /** A request for the site's default image of the kind. */
    public NetworkFunctionRequested(String nfId, String team, String siteId, String clusterId, NetworkFunctionKind kind,
                                    int replicas, int pinnedCores, int hugepages1Gi, long memoryMib,
                                    Map<String, Integer> vfsByPhysnet) {
        this(nfId, team, siteId, clusterId, kind, replicas, pinnedCores, hugepages1Gi, memoryMib, vfsByPhysnet, null);
    }

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return nfId;
    }
}
