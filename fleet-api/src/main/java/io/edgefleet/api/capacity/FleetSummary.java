package io.edgefleet.api.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fleet in numbers: sites, hosts, clusters by status (those the caller may see), network
 * functions, utilisation per resource and what mixed mode saves.
 */
public record FleetSummary(Instant generatedAt, int sites, int sitesWithLiveAgent, int hosts, int hostsReady,
                           int hostsInUse, int hostsEmpty, int bareMetalWorkerHosts,
                           Map<String, Long> clustersByStatus, int networkFunctions,
                           List<Utilisation> utilisation, MixedMode mixedMode) {
}
