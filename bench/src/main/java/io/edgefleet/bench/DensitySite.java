package io.edgefleet.bench;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One reference edge site: its clusters in the order they are created, each followed by its
 * network functions.
 *
 * <p>Shape (assumptions, Das Schiff publishes server sizes but not site shapes): 2-6 small
 * clusters per site, each with 3 control-plane replicas, 1-3 bare-metal workers and 0-2 network
 * functions, each a UPF or a vDU with equal odds. Control-plane node 4 vCPU / 32 GB as Das Schiff's
 * control-plane servers (telekom/das-schiff, schiff-pure-metal.md).
 */
record DensitySite(String id, List<DensitySite.Cluster> clusters) {

    /** Control-plane replicas per cluster, in both modes. */
    static final int CONTROL_PLANE_REPLICAS = 3;
    /** Das Schiff control-plane node as a microVM: 4 vCPU, 32 GB, 40 GiB disk. */
    static final MicroVmSize CONTROL_PLANE = new MicroVmSize(4, 32 * 1_024, 40);

    DensitySite {
        clusters = List.copyOf(clusters);
    }

    /** A cluster and the network functions that run in it. */
    record Cluster(ClusterRequest request, List<NetworkFunctionRequest> networkFunctions) {
        Cluster {
            networkFunctions = List.copyOf(networkFunctions);
        }

        int workers() {
            return request.workers().count();
        }
    }

    /** A site drawn from {@code rnd}: the same generator state gives the same site. */
    static DensitySite random(String id, Random rnd) {
        int n = 2 + rnd.nextInt(5);
        List<Cluster> clusters = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            String clusterId = "c" + c;
            String team = "team-" + c;
            int workers = 1 + rnd.nextInt(3);
            int functions = rnd.nextInt(3);
            List<NetworkFunctionRequest> nfs = new ArrayList<>(functions);
            for (int f = 0; f < functions; f++) {
                DensityNetworkFunction kind = rnd.nextBoolean() ? DensityNetworkFunction.UPF
                        : DensityNetworkFunction.VDU;
                nfs.add(kind.request(clusterId, team, f));
            }
            clusters.add(new Cluster(new ClusterRequest(clusterId, team, CONTROL_PLANE_REPLICAS,
                    CONTROL_PLANE, Workers.bareMetal(workers)), nfs));
        }
        return new DensitySite(id, clusters);
    }

    /** Bare-metal workers of all clusters. */
    int workers() {
        int sum = 0;
        for (Cluster c : clusters) {
            sum += c.workers();
        }
        return sum;
    }

    int networkFunctions() {
        int sum = 0;
        for (Cluster c : clusters) {
            sum += c.networkFunctions().size();
        }
        return sum;
    }
}
