package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.host;
import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Holders.bareMetal;
import static io.edgefleet.placement.engine.Holders.cp;
import static io.edgefleet.placement.engine.Holders.nf;
import static io.edgefleet.placement.engine.Holders.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HostState;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Repack on hand-built sites, one rule per test. Fixture hosts: 16 vCPU at ratio 1, 64 GiB,
 * two NUMA nodes of 8 cores / 8 hugepages / 4 VFs.
 */
class RepackSiteTest {

    private final PlacementEngine engine = new PlacementEngine();
    private final RepackOptions options = RepackOptions.defaults();

    private RepackResult repack(SiteState state, RepackOptions o) {
        RepackResult r = engine.repackSite(state, o);
        assertNull(RepackChecks.check(state, r, o));
        return r;
    }

    private static Map<String, KeptHost> kept(RepackResult r) {
        return r.keptHosts().stream().collect(Collectors.toMap(KeptHost::hostId, k -> k));
    }

    @Test
    void fragmentedSiteFreesHostsWithMakeBeforeBreakMoves() {
        SiteState state = SiteState.of(site(3, 1), List.of(
                worker("a", 0, "h1", 4, 8_192), worker("b", 0, "h2", 4, 8_192),
                worker("c", 0, "h3", 4, 8_192)));
        RepackResult r = repack(state, options);
        assertEquals(2, r.emptiedHosts().size());
        assertEquals(3, r.hostsInUseBefore());
        assertEquals(1, r.hostsInUseAfter());
        assertEquals(2, r.moves());
        for (Allocation a : r.decision().placed()) {
            assertTrue(r.decision().released().stream().anyMatch(o -> o.holderId().equals(a.holderId())));
        }
        assertEquals(1, kept(r).size());
    }

    @Test
    void sharedVcpusMayUseTheTargetsAllocationRatioButMemoryNever() {
        // h1 at ratio 2 offers 32 shared vCPUs: 12 used + 16 incoming fits; at ratio 1 it would not
        SiteState ratio2 = SiteState.of(site(host("h1", "a", HostState.READY, 2.0), host("h2", "a")),
                List.of(worker("a", 0, "h1", 12, 8_192), worker("b", 0, "h2", 16, 8_192)));
        assertEquals(List.of("h2"), repack(ratio2, options).emptiedHosts());
        SiteState ratio1 = SiteState.of(site(host("h1", "a"), host("h2", "a")),
                List.of(worker("a", 0, "h1", 12, 8_192), worker("b", 0, "h2", 16, 8_192)));
        assertEquals(List.of(), repack(ratio1, options).emptiedHosts());
        // memory is never overcommitted: 40 + 30 GiB > 64 GiB even at ratio 2
        SiteState mem = SiteState.of(site(host("h1", "a", HostState.READY, 2.0), host("h2", "a")),
                List.of(worker("a", 0, "h1", 1, 40_960), worker("b", 0, "h2", 1, 30_720)));
        RepackResult r = repack(mem, options);
        assertEquals(List.of(), r.emptiedHosts());
        KeptHost h2 = kept(r).get("h2");
        assertEquals(RejectionCode.INSUFFICIENT_CAPACITY, h2.reason().code());
        assertTrue(h2.reason().message().contains("worker b/w-0"), h2.reason().message());
        assertTrue(h2.reason().message().contains("closest: host h1"), h2.reason().message());
    }

    @Test
    void nfReplicaMovesToOneNumaNodeOrStaysWithNoNumaFit() {
        // h1 has 5 free cores on each node: a 6-core replica fits the host only split
        SiteState split = SiteState.of(site(host("h1", "a"), host("h2", "a")), List.of(
                nf("x", 0, "h1", 0, 3, 0, 1), nf("y", 0, "h1", 1, 3, 0, 1),
                nf("u", 0, "h2", 0, 6, 2, 1)));
        // one move per host keeps h1 (two replicas) in place, so only h2 may be emptied
        RepackResult r = repack(split, new RepackOptions(16, 1, true, options.budget(), 4, 0));
        assertEquals(RejectionCode.NO_NUMA_FIT, kept(r).get("h2").reason().code());
        assertTrue(kept(r).get("h2").reason().message().contains("one NUMA node"));
        SiteState room = SiteState.of(site(host("h1", "a"), host("h2", "a")), List.of(
                nf("x", 0, "h1", 0, 3, 0, 1), worker("w", 0, "h1", 1, 1_024), nf("u", 0, "h2", 0, 6, 2, 1)));
        RepackResult moved = repack(room, new RepackOptions(16, 1, true, options.budget(), 4, 0));
        assertEquals(List.of("h2"), moved.emptiedHosts());
        Allocation u = moved.decision().placed().get(0);
        assertEquals(1, u.numaNode(), "node 0 keeps only 5 cores; node 1 has all 8");
    }

    @Test
    void networkFunctionsStayWhenTheyMayNotMove() {
        SiteState state = SiteState.of(site(host("h1", "a"), host("h2", "a")), List.of(
                worker("a", 0, "h1", 2, 2_048), nf("u", 0, "h2", 0, 2, 0, 1)));
        RepackOptions noNf = new RepackOptions(16, 8, false, options.budget(), 4, 0);
        RepackResult r = repack(state, noNf);
        // h1 cannot be emptied onto h2 either? It can: workers may go anywhere in use.
        assertEquals(List.of("h1"), r.emptiedHosts());
        assertEquals(RejectionCode.CANNOT_REPLACE, kept(r).get("h2").reason().code());
        assertTrue(kept(r).get("h2").reason().message().contains("network-function replica u/r-0"));
    }

    @Test
    void controlPlaneNeverJoinsASiblingHostOrItsFailureDomain() {
        // c spans racks a, b, c; h4 (rack a) has room, but cp-1 or cp-2 would then share rack a
        // with cp-0. At most one move per host keeps h1 and h4 (two holders each) where they are.
        SiteState state = SiteState.of(site(host("h1", "rack-a"), host("h2", "rack-b"),
                host("h3", "rack-c"), host("h4", "rack-a")), List.of(
                cp("c", 0, "h1", 2, 4_096), worker("f", 0, "h1", 1, 1_024),
                cp("c", 1, "h2", 2, 4_096), cp("c", 2, "h3", 2, 4_096),
                worker("g", 0, "h4", 2, 4_096), worker("g", 1, "h4", 2, 4_096)));
        RepackResult r = repack(state, new RepackOptions(16, 1, true, options.budget(), 4, 0));
        assertEquals(List.of(), r.emptiedHosts());
        for (String h : List.of("h2", "h3")) {
            Rejection why = kept(r).get(h).reason();
            assertEquals(RejectionCode.ANTI_AFFINITY, why.code(), why.message());
            assertTrue(why.message().contains("h4 would put it in a failure domain its siblings"
                    + " already use (rack-a, "), why.message());
            assertTrue(why.message().contains("hold its sibling replicas"), why.message());
        }
        assertEquals(RejectionCode.MOVE_LIMIT, kept(r).get("h1").reason().code());
    }

    @Test
    void controlPlaneMayMoveWithinItsFailureDomain() {
        SiteState state = SiteState.of(site(host("h1", "rack-a"), host("h2", "rack-b"),
                host("h3", "rack-a")), List.of(
                cp("c", 0, "h1", 2, 4_096), cp("c", 1, "h2", 2, 4_096), worker("w", 0, "h3", 2, 4_096)));
        // cp-0 may go to h3 (same rack a as before), so h1 can be emptied; the search may as
        // well empty h3 into h1: either frees one host, and no replica shares a host
        RepackResult r = repack(state, options);
        assertEquals(1, r.emptiedHosts().size());
        // whichever host stays, the other replica's host is no place for its sibling
        KeptHost k = r.keptHosts().stream().filter(x -> !x.hostId().equals("h2")).findFirst().orElseThrow();
        assertTrue(kept(r).get("h2").reason().message().contains("sibling"),
                kept(r).get("h2").reason().message() + " / " + k);
    }

    @Test
    void bareMetalDownAndCordonedHostsKeepTheirRoles() {
        SiteState state = SiteState.of(site(host("h1", "a"), host("h2", "a"),
                host("h3", "a", HostState.DOWN, 1.0), host("h4", "a", HostState.CORDONED, 1.0),
                host("h5", "a", HostState.CORDONED, 1.0)), List.of(
                bareMetal("bm", 0, "h1"), worker("a", 0, "h2", 2, 2_048),
                worker("d", 0, "h3", 1, 1_024), worker("z", 0, "h4", 1, 1_024), worker("y", 0, "h5", 1, 1_024)));
        RepackResult r = repack(state, options);
        // the cordoned hosts are drained onto h2, the only READY host in use that runs microVMs
        assertEquals(List.of("h4", "h5"), r.emptiedHosts());
        for (Allocation a : r.decision().placed()) {
            assertEquals("h2", a.hostId());
        }
        Map<String, KeptHost> k = kept(r);
        assertEquals(RejectionCode.CANNOT_REPLACE, k.get("h1").reason().code());
        assertTrue(k.get("h1").reason().message().contains("bare-metal"));
        assertTrue(k.get("h3").reason().message().contains("DOWN"));
        assertEquals(RejectionCode.NO_ELIGIBLE_HOST, k.get("h2").reason().code(), k.get("h2").reason().message());
    }

    @Test
    void emptyHostsReceiveNothing() {
        SiteState state = SiteState.of(site(2, 1), List.of(worker("a", 0, "h1", 1, 1_024)));
        RepackResult r = repack(state, options);
        assertTrue(r.decision().placed().isEmpty());
        assertEquals(1, r.hostsInUseAfter());
        assertEquals(RejectionCode.NO_ELIGIBLE_HOST, kept(r).get("h1").reason().code());
    }

    @Test
    void moveCapsHoldAndExplainThemselves() {
        // h1 (ratio 2, 32 vCPU) can take h2's three small microVMs; h2 (16 vCPU) cannot take h1's
        SiteState state = SiteState.of(site(host("h1", "a", HostState.READY, 2.0), host("h2", "a")),
                List.of(worker("a", 0, "h1", 14, 8_192), worker("s", 0, "h2", 1, 512),
                        worker("s", 1, "h2", 1, 512), worker("s", 2, "h2", 1, 512)));
        assertEquals(List.of("h2"), repack(state, options).emptiedHosts());
        RepackResult capped = repack(state, options.withMaxMoves(2));
        assertEquals(List.of(), capped.emptiedHosts());
        assertEquals(RejectionCode.MOVE_LIMIT, kept(capped).get("h2").reason().code());
        assertTrue(kept(capped).get("h2").reason().message().contains("only 2 of the 2"),
                kept(capped).get("h2").reason().message());
        RepackResult perHost = repack(state, new RepackOptions(16, 2, true, options.budget(), 4, 0));
        assertEquals(List.of(), perHost.emptiedHosts());
        assertTrue(kept(perHost).get("h2").reason().message().contains("2 allowed per host"));
        assertEquals(RejectionCode.INSUFFICIENT_CAPACITY, kept(perHost).get("h1").reason().code());
    }

    @Test
    void prefersMovingTheSmallMicroVm() {
        // either h2 or h3 can go into h1, not both; h3's microVM is the smaller one to migrate
        SiteState state = SiteState.of(site(3, 1), List.of(worker("base", 0, "h1", 10, 40_960),
                worker("big", 0, "h2", 4, 16_384), worker("small", 0, "h3", 4, 2_048)));
        RepackResult r = repack(state, options);
        assertEquals(List.of("h3"), r.emptiedHosts());
        assertEquals(RejectionCode.INSUFFICIENT_CAPACITY, kept(r).get("h2").reason().code());
    }

    @Test
    void heterogeneousHostsDrainIntoTheBigOne() {
        var big = new io.edgefleet.placement.engine.model.Host("big", "a", HostState.READY,
                host("x", "a").capabilities(), host("x", "a").numaNodes(),
                io.edgefleet.placement.engine.model.SystemReserve.NONE, 4.0, 2_000);
        SiteState state = SiteState.of(site(big, host("s1", "a"), host("s2", "a"), host("s3", "a")),
                List.of(worker("a", 0, "big", 8, 8_192), worker("b", 0, "s1", 12, 8_192),
                        worker("c", 0, "s2", 12, 8_192), worker("d", 0, "s3", 12, 8_192)));
        RepackResult r = repack(state, options);
        assertEquals(List.of("s1", "s2", "s3"), r.emptiedHosts(), "64 shared vCPUs at ratio 4");
    }

    @Test
    void sameSeedSameResult() {
        SiteState state = SiteState.of(site(4, 2), List.of(worker("a", 0, "h1", 3, 6_000),
                worker("b", 0, "h2", 5, 9_000), worker("c", 0, "h3", 7, 20_000),
                worker("d", 0, "h4", 2, 30_000), cp("e", 0, "h1", 2, 2_000), cp("e", 1, "h2", 2, 2_000)));
        RepackResult a = engine.repackSite(state, options.withSeed(7));
        RepackResult b = engine.repackSite(state, options.withSeed(7));
        assertEquals(a.decision(), b.decision());
        assertEquals(a.keptHosts(), b.keptHosts());
    }
}
