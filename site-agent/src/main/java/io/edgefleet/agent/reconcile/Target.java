package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterAccess;
import io.edgefleet.agent.driver.MicroVmDriver;

/**
 * What steps act on and measure: the site's microVMs (through the driver) and its clusters
 * (through their API servers).
 */
public record Target(MicroVmDriver microVms, ClusterAccess clusters) {
}
