package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterAccess;
import io.edgefleet.agent.cluster.ClusterEtcd;
import io.edgefleet.agent.driver.MicroVmDriver;

/**
 * What steps act on and measure: the site's microVMs (through the driver), its clusters (through their
 * API servers) and their etcd members.
 */
public record Target(MicroVmDriver microVms, ClusterAccess clusters, ClusterEtcd etcd) {
    /** A target whose clusters' etcd is not measured. */
    public Target(MicroVmDriver microVms, ClusterAccess clusters) {
        this(microVms, clusters, ClusterEtcd.NONE);
    }
}
