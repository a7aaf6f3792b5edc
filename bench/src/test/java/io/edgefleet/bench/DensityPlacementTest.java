package io.edgefleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.Workers;
import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The placements behind the density figures keep the host model (ADR 0026). */
class DensityPlacementTest {
    private final DensityPlacement placement = new DensityPlacement();

    @Test
    void mixedPlacementOfSeededSitesKeepsEveryNfOnItsClustersNodeAndNoMicroVmOnABareMetalWorker() {
        Random rnd = new Random(7);
        int nfReplicas = 0;
        int sharedHosts = 0;
        for (int s = 0; s < 20; s++) {
            DensitySite site = DensitySite.random("site-" + s, rnd);
            SiteState state = placement.mixed(site).state();

            for (Allocation a : state.allocations()) {
                HostLedger host = state.host(a.hostId());
                if (a.kind() == HolderKind.NF_REPLICA) {
                    nfReplicas++;
                    assertEquals(a.clusterId(), host.nodeCluster(), a.holderId() + " on " + a.hostId());
                }
                if (a.kind().isMicroVm()) {
                    assertNull(host.exclusiveOwner(), a.holderId() + " on a bare-metal worker " + a.hostId());
                }
            }
            for (int i = 0; i < state.hostCount(); i++) {
                assertTrue(state.host(i).withinCapacity(), state.host(i).host().id() + " overdrawn");
                if (runsBoth(state, state.host(i).host().id())) {
                    sharedHosts++;
                }
            }
            assertEverythingPlaced(site, state);
        }
        assertTrue(nfReplicas > 0, "the seeded sites run network functions");
        assertTrue(sharedHosts > 0, "mixed mode puts control planes next to network functions");
    }

    @Test
    void mixedIsTheFewestServersTheEngineAccepts() {
        Random rnd = new Random(11);
        for (int s = 0; s < 10; s++) {
            DensitySite site = DensitySite.random("site-" + s, rnd);
            int hosts = placement.mixed(site).hosts();

            assertNotNull(placement.placeAll(DensityServers.mixed(site.id(), hosts), site.clusters()));
            assertNull(placement.placeAll(DensityServers.mixed(site.id(), hosts - 1), site.clusters()),
                    site.id() + " fits on " + (hosts - 1));
        }
    }

    @Test
    void dedicatedAddsAServerOnlyWhenTheWorkersCannotHoldTheNfReplicas() {
        // a UPF pair needs two hosts: one worker is not enough, two are
        assertEquals(2, placement.dedicatedWorkerHosts("s", cluster(1, DensityNetworkFunction.UPF)));
        assertEquals(2, placement.dedicatedWorkerHosts("s", cluster(2, DensityNetworkFunction.UPF)));
        // the pair's replicas go to distinct hosts whatever else the worker runs
        assertEquals(2, placement.dedicatedWorkerHosts("s",
                cluster(1, DensityNetworkFunction.VDU, DensityNetworkFunction.UPF)));
        // two vDUs (2 x 12 cores, 2 x 16 hugepages) fit one worker's NUMA nodes
        assertEquals(1, placement.dedicatedWorkerHosts("s",
                cluster(1, DensityNetworkFunction.VDU, DensityNetworkFunction.VDU)));
        assertEquals(1, placement.dedicatedWorkerHosts("s", cluster(1, DensityNetworkFunction.VDU)));
        assertEquals(3, placement.dedicatedWorkerHosts("s", cluster(3)));
    }

    @Test
    void dedicatedCountsThreeControlPlaneServersPerCluster() {
        DensitySite site = new DensitySite("s", List.of(cluster(1, DensityNetworkFunction.UPF),
                cluster(2, DensityNetworkFunction.VDU)));
        assertEquals(3 + 2 + 3 + 2, placement.dedicated(site));
    }

    private static DensitySite.Cluster cluster(int workers, DensityNetworkFunction... nfs) {
        String id = "c" + workers + nfs.length;
        List<NetworkFunctionRequest> requests = new ArrayList<>();
        for (int i = 0; i < nfs.length; i++) {
            requests.add(nfs[i].request(id, "team", i));
        }
        return new DensitySite.Cluster(new ClusterRequest(id, "team", 3, DensitySite.CONTROL_PLANE,
                Workers.bareMetal(workers)), requests);
    }

    private static boolean runsBoth(SiteState state, String hostId) {
        Set<HolderKind> kinds = new HashSet<>();
        state.allocationsOn(hostId).forEach(a -> kinds.add(a.kind()));
        return kinds.contains(HolderKind.CONTROL_PLANE) && kinds.contains(HolderKind.NF_REPLICA);
    }

    private static void assertEverythingPlaced(DensitySite site, SiteState state) {
        for (DensitySite.Cluster c : site.clusters()) {
            List<Allocation> own = state.allocationsOf(c.request().clusterId());
            assertEquals(3, own.stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE).count());
            assertEquals(c.workers(), own.stream().filter(a -> a.kind() == HolderKind.WORKER_BAREMETAL).count());
            for (NetworkFunctionRequest nf : c.networkFunctions()) {
                assertEquals(nf.replicas(), state.allocationsOf(nf.nfId()).size(), nf.nfId());
            }
        }
    }
}
