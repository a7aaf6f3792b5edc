package io.edgefleet.bench.servicedensity;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What lives on a site at a point of the trace, as requests: each cluster with its current control
 * plane and workers (after its scales), each network function. The packer places exactly this.
 */
final class LiveSet {
    private final Map<String, ClusterRequest> clusters = new TreeMap<>();
    private final Map<String, NetworkFunctionRequest> functions = new TreeMap<>();

    void created(ClusterRequest c) {
        clusters.put(c.clusterId(), c);
    }

    void workersScaled(String clusterId, Workers workers) {
        ClusterRequest c = clusters.get(clusterId);
        clusters.put(clusterId, new ClusterRequest(clusterId, c.team(), c.controlPlaneReplicas(), c.controlPlane(),
                workers));
    }

    void controlPlaneScaled(String clusterId, int replicas) {
        ClusterRequest c = clusters.get(clusterId);
        clusters.put(clusterId, new ClusterRequest(clusterId, c.team(), replicas, c.controlPlane(), c.workers()));
    }

    void deleted(String clusterId) {
        clusters.remove(clusterId);
    }

    void placed(NetworkFunctionRequest nf) {
        functions.put(nf.nfId(), nf);
    }

    void removed(String nfId) {
        functions.remove(nfId);
    }

    List<ClusterRequest> clusters() {
        return new ArrayList<>(clusters.values());
    }

    ClusterRequest cluster(String id) {
        return clusters.get(id);
    }

    List<NetworkFunctionRequest> functions() {
        return new ArrayList<>(functions.values());
    }

    /** The network functions running in {@code clusterId}. */
    List<String> functionsOf(String clusterId) {
        return functions.values().stream().filter(f -> f.clusterId().equals(clusterId))
                .map(NetworkFunctionRequest::nfId).toList();
    }
}
