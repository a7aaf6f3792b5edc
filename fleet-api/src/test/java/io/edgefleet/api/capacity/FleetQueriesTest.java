package io.edgefleet.api.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.api.SiteFixture;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Resources;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Capacity arithmetic on a hand-built site, checked number by number (no Quarkus, no Kafka). */
class FleetQueriesTest {
    private final FleetView view = new FleetView();
    private final FleetQueries queries = new FleetQueries();

    FleetQueriesTest() {
        queries.view = view;
        view.apply(SiteFixture.heartbeat("s1"));
        view.apply(SiteFixture.plan("s1"));
    }

    @Test
    void aHostShowsCapacityAllocationsAndFreeSpacePerHostAndPerNumaNode() {
        HostView h1 = hosts(t -> true).get("s1-h1");
        assertEquals(new CpuBreakdown(32, 2, 4, 2.5, 23.5, 4.0, 104, 10, 94), h1.cpu());
        // 64 GiB per node of which 8 GiB are the hugepage pool: 56 GiB of ordinary memory per node
        assertEquals(new Amount(114688, 8192, 3 * 4096 + 8192 + 2048, 114688 - 8192 - 22528), h1.memoryMib());
        assertEquals(new Amount(16, 0, 2, 14), h1.hugepages1Gi());
        assertEquals(new Amount(1000, 0, 100, 900), h1.diskGib());

        NumaCapacity n0 = h1.numaNodes().get(0);
        assertEquals(new Amount(16, 2, 0, 14), n0.cores(), "the system reserve comes from node 0");
        assertEquals(new Amount(57344, 8192, 0, 49152), n0.memoryMib());
        assertEquals(Map.of("physnet-a", new Amount(4, 0, 0, 4)), n0.vfsByPhysnet());
        NumaCapacity n1 = h1.numaNodes().get(1);
        assertEquals(new Amount(16, 0, 4, 12), n1.cores());
        assertEquals(new Amount(8, 0, 2, 6), n1.hugepages1Gi());
        assertEquals(new Amount(57344, 0, 2048, 55296), n1.memoryMib());
        assertEquals(Map.of("physnet-b", new Amount(4, 0, 1, 3)), n1.vfsByPhysnet());

        assertEquals(5, h1.allocations().size());
        Allocation nf = h1.allocations().stream().filter(a -> a.kind().equals("NETWORK_FUNCTION")).findFirst()
                .orElseThrow();
        assertEquals("upf-s1/0", nf.holderId());
        assertEquals(1, nf.numaNode());
        assertEquals(4, nf.pinnedCores());
        assertNull(h1.heldByCluster());
    }

    @Test
    void freeCapacityIsWhatThePlacementEngineBooks() {
        // h1 as the engine holds it: a node's memory is its normal pages (64 GiB less its 8 hugepages)
        Host host = new Host("s1-h1", "rack-a", io.edgefleet.placement.engine.model.HostState.READY, Set.of("microvm"),
                List.of(new NumaNode(0, 16, 57344, 8, Map.of("physnet-a", 4)),
                        new NumaNode(1, 16, 57344, 8, Map.of("physnet-b", 4))),
                new SystemReserve(2, 8192), 4.0, 1000);
        HostLedger engine = HostLedger.empty(host)
                .with(held("s1-a-cp-0", HolderKind.CONTROL_PLANE, "s1-a", -1, Resources.microVm(2, 4096, 20), "s1-a"))
                .with(held("s1-a-cp-1", HolderKind.CONTROL_PLANE, "s1-a", -1, Resources.microVm(2, 4096, 20), "s1-a"))
                .with(held("s1-a-w-0", HolderKind.WORKER_VM, "s1-a", -1, Resources.microVm(4, 8192, 40), "s1-a"))
                .with(held("s1-b-cp-0", HolderKind.CONTROL_PLANE, "s1-b", -1, Resources.microVm(2, 4096, 20), "s1-b"))
                .with(held("upf-s1/0", HolderKind.NF_REPLICA, "upf-s1", 1,
                        Resources.pinned(4, 2048, 2, Map.of("physnet-b", 1)), "s1-a"));

        HostView view = hosts(t -> true).get("s1-h1");
        assertEquals(engine.freeMemoryMib(), view.memoryMib().free(), "host memory");
        assertEquals(engine.memoryCapacityMib(), view.memoryMib().total() - view.memoryMib().reserved());
        for (int n = 0; n < 2; n++) {
            NumaCapacity node = view.numaNodes().get(n);
            assertEquals(engine.freeMemoryMib(n), node.memoryMib().free(), "memory of node " + n);
            assertEquals(engine.freeHugepages(n), node.hugepages1Gi().free(), "hugepages of node " + n);
            assertEquals(engine.freePinnedCores(n), node.cores().free(), "cores of node " + n);
        }
        assertEquals(engine.freeVcpu(), view.cpu().vcpuFree());
        assertEquals(engine.freeDiskGib(), view.diskGib().free());
    }

    @Test
    void aBareMetalWorkerHoldsItsWholeHost() {
        HostView h2 = hosts(t -> true).get("s1-h2");
        assertEquals("s1-b", h2.heldByCluster());
        assertEquals(0, h2.memoryMib().free());
        assertEquals(0.0, h2.cpu().freeCores());
        assertEquals(30.0, h2.cpu().sharedCoresUsed());
        assertEquals("BARE_METAL_WORKER", h2.allocations().get(0).kind());
    }

    @Test
    void anotherTeamsHoldersAreShownWithoutIds() {
        Map<String, HostView> hosts = hosts("team-a"::equals);
        assertEquals("(another team)", hosts.get("s1-h2").heldByCluster());
        List<Allocation> h1 = hosts.get("s1-h1").allocations();
        assertEquals(1, h1.stream().filter(a -> "(another team)".equals(a.clusterId()) && a.holderId() == null
                && a.team() == null).count());
        assertEquals(4, h1.stream().filter(a -> "team-a".equals(a.team())).count());
    }

    @Test
    void theSummaryAddsUpTheFleetAndCountsHostsSavedByMixedMode() {
        view.apply(new ClusterStatusChanged("s1-a", "team-a", "s1", ClusterStatus.READY, null, List.of(), null,
                Instant.now()));
        view.apply(new ClusterStatusChanged("s1-b", "team-b", "s1", ClusterStatus.PROVISIONING, null, List.of(), null,
                Instant.now()));
        FleetSummary all = queries.summary(t -> true);
        assertEquals(1, all.sites());
        assertEquals(1, all.sitesWithLiveAgent());
        assertEquals(2, all.hosts());
        assertEquals(2, all.hostsInUse());
        assertEquals(1, all.bareMetalWorkerHosts());
        assertEquals(Map.of("READY", 1L, "PROVISIONING", 1L), all.clustersByStatus());
        // 3 control planes would need 3 servers without mixed mode; they share 1 (the worker is a server either way).
        assertEquals(new MixedMode(3, 1, 1, 1, 3, 2), all.mixedMode());
        Map<String, Utilisation> u = all.utilisation().stream()
                .collect(Collectors.toMap(Utilisation::resource, Function.identity()));
        assertEquals(Utilisation.of("pinned-cores", "cores", 60, 4), u.get("pinned-cores"));
        assertEquals(Utilisation.of("shared-vcpu", "vCPUs", 104 + 120, 10), u.get("shared-vcpu"));
        assertEquals(Utilisation.of("hugepages-1gi", "pages", 32, 2), u.get("hugepages-1gi"));
        assertEquals(Utilisation.of("sriov-vfs", "VFs", 16, 1), u.get("sriov-vfs"));
        assertEquals(6.7, Utilisation.of("pinned-cores", "cores", 60, 4).percent());

        FleetSummary teamA = queries.summary("team-a"::equals);
        assertEquals(Map.of("READY", 1L), teamA.clustersByStatus(), "a team counts only its own clusters");
    }

    @Test
    void theSnapshotListsOnlyTheNetworkFunctionsOfTeamsTheCallerMaySee() {
        view.apply(new NetworkFunctionStatusChanged("upf-1", "s1-a", "team-a", "s1", NetworkFunctionStatus.RUNNING,
                null, List.of(), Instant.now()));
        view.apply(new NetworkFunctionStatusChanged("du-1", "s1-b", "team-b", "s1", NetworkFunctionStatus.FAILED,
                "no host", List.of(), Instant.now()));
        DashboardSnapshot teamA = queries.snapshot("team-a"::equals);
        assertEquals(List.of("upf-1"), teamA.networkFunctions().stream().map(NetworkFunctionStatusChanged::nfId)
                .toList());
        assertEquals(1, teamA.summary().networkFunctions());
        DashboardSnapshot all = queries.snapshot(t -> true);
        assertEquals(List.of("du-1", "upf-1"), all.networkFunctions().stream()
                .map(NetworkFunctionStatusChanged::nfId).toList(), "all of them, in id order");
        assertEquals(2, all.summary().networkFunctions());
    }

    @Test
    void aLaterHostReportOverridesTheHeartbeatsStateAndASiteWithoutHeartbeatIsSilent() {
        view.apply(new HostStateChanged("s1", "s1-h1", HostState.DOWN, "power", Instant.now().plusSeconds(1)));
        assertEquals(HostState.DOWN, hosts(t -> true).get("s1-h1").state());
        assertEquals(1, queries.site("s1").orElseThrow().hostsReady());

        view.apply(SiteFixture.plan("s2"));
        SiteView s2 = queries.site("s2").orElseThrow();
        assertFalse(s2.agentAlive());
        assertEquals(0, s2.hosts());
        assertEquals(7L, s2.planVersion());
        assertTrue(queries.site("s3").isEmpty());
    }

    /** A light heartbeat (no hosts, ADR 0013) moves liveness and keeps the hosts of the last full one. */
    @Test
    void aLightHeartbeatKeepsTheSitesHostsAndMovesItsLiveness() {
        Instant later = Instant.now().plusSeconds(2);
        view.apply(io.edgefleet.events.report.AgentHeartbeat.light("s1", "test-2", later, 5,
                "sha256:" + "0".repeat(64)));
        SiteView s1 = queries.site("s1").orElseThrow();
        assertEquals(2, s1.hosts(), "not an empty site");
        assertEquals(2, s1.hostsReady());
        assertEquals(later, s1.lastHeartbeat());
        assertEquals("test-2", s1.agentVersion());
        assertEquals(2, hosts(t -> true).size());

        // A site seen only through light heartbeats has no known hosts yet, and says nothing wrong about them.
        view.apply(io.edgefleet.events.report.AgentHeartbeat.light("s4", "test", Instant.now(), 5,
                "sha256:" + "1".repeat(64)));
        assertEquals(0, queries.site("s4").orElseThrow().hosts());
        assertTrue(queries.site("s4").orElseThrow().agentAlive());
    }

    private Map<String, HostView> hosts(java.util.function.Predicate<String> visible) {
        return queries.hosts("s1", visible).orElseThrow().stream()
                .collect(Collectors.toMap(HostView::hostId, Function.identity()));
    }

    @Test
    void aRefusedCreationIsAFailedRowWithPlacementsReasonForItsTeamOnlyUntilAnNfOfThatIdOutlivesIt() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        view.apply(new RequestRejected("r1", "s1", RequestKind.NETWORK_FUNCTION_CREATE, "upf-big", "NO_NUMA_FIT",
                "no host has 40 pinned cores free on one NUMA node", List.of(), t0, "team-a"));

        NetworkFunctionStatusChanged row = queries.networkFunctions("team-a"::equals).stream()
                .filter(nf -> nf.nfId().equals("upf-big")).findFirst().orElseThrow();
        assertEquals(NetworkFunctionStatus.FAILED, row.status());
        assertEquals("rejected: NO_NUMA_FIT: no host has 40 pinned cores free on one NUMA node", row.reason());
        assertEquals("s1", row.siteId());
        assertTrue(queries.networkFunctions("team-b"::equals).stream().noneMatch(nf -> nf.nfId().equals("upf-big")),
                "another team does not see it");

        view.apply(new NetworkFunctionStatusChanged("upf-big", "c1", "team-a", "s1", NetworkFunctionStatus.PLACED, null,
                List.of(), t0.plusSeconds(60)));
        List<NetworkFunctionStatusChanged> now = queries.networkFunctions("team-a"::equals).stream()
                .filter(nf -> nf.nfId().equals("upf-big")).toList();
        assertEquals(List.of(NetworkFunctionStatus.PLACED), now.stream().map(NetworkFunctionStatusChanged::status).toList(),
                "a later request that was placed replaces the refusal");
    }

    /** An engine allocation on s1-h1 (node -1: not NUMA-bound). */
    private static io.edgefleet.placement.engine.model.Allocation held(String holder, HolderKind kind, String owner,
                                                                      int node, Resources r, String cluster) {
        return new io.edgefleet.placement.engine.model.Allocation(holder, kind, owner, "team", "s1-h1", node, r, cluster);
    }
}
