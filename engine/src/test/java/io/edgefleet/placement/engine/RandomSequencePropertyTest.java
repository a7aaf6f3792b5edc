package io.edgefleet.placement.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgefleet.placement.engine.ledger.HostLedger;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random fleets and random request sequences (seeded, so a failure names its seed and
 * replays): after every decision, no host exceeds any dimension, NUMA alignment and
 * anti-affinity hold, quotas hold, and rejections change nothing and explain themselves.
 */
class RandomSequencePropertyTest {

    private static final String[] TEAMS = {"t0", "t1", "t2"};
    private final PlacementEngine engine = new PlacementEngine();

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 1_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDecisionKeepsEveryRule(long seed) {
        Random rnd = new Random(seed);
        SiteState state = SiteState.of(randomSite(rnd), List.of());
        TeamUsage limit = new TeamUsage(40 + rnd.nextInt(60), 200_000, 12 + rnd.nextInt(20), 40, 2,
                TeamQuota.NONE);
        List<String> owners = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            String team = TEAMS[rnd.nextInt(TEAMS.length)];
            TeamQuota quota = new TeamQuota(team, limit, TeamUsage.of(team, state.allocations()));
            Decision d;
            int op = rnd.nextInt(10);
            if (op < 4) {
                String id = "c" + step;
                d = engine.createCluster(state, randomCluster(rnd, id, team), quota);
                checkControlPlaneSpread(state, d);
                owners.add(id);
            } else if (op < 6) {
                String id = "nf" + step;
                // an NF runs in a cluster made earlier (or in one not placed here), so the host
                // model meets bare-metal workers and other clusters' NF nodes
                List<String> clusters = owners.stream().filter(o -> o.startsWith("c")).toList();
                String cluster = !clusters.isEmpty() && rnd.nextBoolean()
                        ? clusters.get(rnd.nextInt(clusters.size())) : "k" + rnd.nextInt(3);
                d = engine.placeNetworkFunction(state, randomNf(rnd, id, team, cluster), quota);
                owners.add(id);
            } else if (op < 7 && !owners.isEmpty()) {
                String id = owners.get(rnd.nextInt(owners.size()));
                d = id.startsWith("nf") ? engine.deleteNetworkFunction(state, id)
                        : engine.deleteCluster(state, id);
            } else if (op < 8 && !owners.isEmpty()) {
                String id = owners.get(rnd.nextInt(owners.size()));
                List<Allocation> w = state.allocationsOf(id).stream()
                        .filter(a -> a.kind() == HolderKind.WORKER_VM).toList();
                if (w.isEmpty()) {
                    continue;
                }
                var r = w.get(0).resources();
                d = engine.scaleWorkers(state, id, Workers.microVms(rnd.nextInt(5),
                        new MicroVmSize(r.vcpu(), r.memoryMib(), r.diskGib())), quota);
            } else {
                String lost = state.site().hosts().get(rnd.nextInt(state.hostCount())).id();
                d = engine.hostLost(state, lost);
                checkHostLoss(state, lost, d);
                state = d.applyTo(state).withSite(markDown(state.site(), lost));
                assertNull(Invariants.check(state), "seed " + seed + " step " + step);
                continue;
            }
            if (!d.accepted()) {
                assertTrue(d.placed().isEmpty() && d.released().isEmpty());
                assertFalse(d.rejection().message().isBlank());
                continue;
            }
            for (Allocation a : d.placed()) {
                if (!d.moves().contains(a)) {
                    assertEquals(HostState.READY, state.host(a.hostId()).host().state(),
                            "new allocations go to READY hosts only");
                }
            }
            SiteState next = d.applyTo(state);
            String broken = Invariants.check(next);
            if (broken != null) {
                fail("seed " + seed + " step " + step + ": " + broken);
            }
            TeamUsage used = TeamUsage.of(team, next.allocations());
            TeamUsage before = quota.used();
            assertTrue(within(used.vcpu(), before.vcpu(), limit.vcpu())
                    && within(used.pinnedCores(), before.pinnedCores(), limit.pinnedCores())
                    && within(used.bareMetalHosts(), before.bareMetalHosts(), limit.bareMetalHosts()),
                    "seed " + seed + " step " + step + ": quota of " + team);
            state = next;
        }
    }

    /** Usage may only grow while it stays within the limit. */
    private static boolean within(long after, long before, long limit) {
        return after <= before || after <= limit;
    }

    private void checkControlPlaneSpread(SiteState before, Decision d) {
        if (!d.accepted()) {
            return;
        }
        // hosts given to the cluster's own bare-metal workers are no longer microVM hosts
        Set<String> bareMetal = new HashSet<>();
        d.placed().stream().filter(a -> a.kind() == HolderKind.WORKER_BAREMETAL)
                .forEach(a -> bareMetal.add(a.hostId()));
        Set<String> readyFds = new HashSet<>();
        for (int i = 0; i < before.hostCount(); i++) {
            HostLedger h = before.host(i);
            if (h.acceptsMicroVms() && !bareMetal.contains(h.host().id())) {
                readyFds.add(h.host().failureDomain());
            }
        }
        List<Allocation> cps = d.placed().stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE).toList();
        long fds = cps.stream().map(a -> before.host(a.hostId()).host().failureDomain()).distinct().count();
        if (readyFds.size() >= cps.size()) {
            // hard rule; below that count spreading is best effort (a rack may be full)
            assertEquals(cps.size(), fds, "control planes on distinct failure domains");
        }
    }

    private static void checkHostLoss(SiteState before, String lost, Decision d) {
        assertTrue(d.accepted());
        assertTrue(d.released().containsAll(before.allocationsOn(lost)));
        // besides the lost host's holders, only control planes displaced by an NF are released,
        // and each of those is a move
        assertEquals(d.released().size(), d.moves().size() + d.unplaced().size());
        for (Allocation a : d.placed()) {
            assertFalse(a.hostId().equals(lost));
        }
    }

    private static Site markDown(Site site, String hostId) {
        List<Host> hosts = new ArrayList<>();
        for (Host h : site.hosts()) {
            hosts.add(h.id().equals(hostId) ? new Host(h.id(), h.failureDomain(), HostState.DOWN,
                    h.capabilities(), h.numaNodes(), h.reserved(), h.cpuAllocationRatio(), h.diskGib()) : h);
        }
        return new Site(site.id(), hosts);
    }

    private static Site randomSite(Random rnd) {
        int n = 2 + rnd.nextInt(8);
        int racks = 1 + rnd.nextInt(4);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int numa = 1 + rnd.nextInt(2);
            List<NumaNode> nodes = new ArrayList<>();
            for (int k = 0; k < numa; k++) {
                nodes.add(new NumaNode(k, 4 + rnd.nextInt(13), 8_192L * (1 + rnd.nextInt(8)),
                        rnd.nextInt(12), rnd.nextBoolean() ? Map.of("physnet-a", rnd.nextInt(6))
                        : Map.of("physnet-a", rnd.nextInt(4), "physnet-b", rnd.nextInt(4))));
            }
            Set<String> caps = new HashSet<>();
            if (rnd.nextInt(5) > 0) {
                caps.add(Host.MICROVM);
            }
            if (rnd.nextInt(4) > 0) {
                caps.add(Host.sriov("physnet-a"));
            }
            if (rnd.nextBoolean()) {
                caps.add(Host.sriov("physnet-b"));
            }
            HostState st = rnd.nextInt(8) == 0 ? HostState.CORDONED : HostState.READY;
            hosts.add(new Host("h" + i, "rack-" + rnd.nextInt(racks), st, caps, nodes,
                    new SystemReserve(rnd.nextInt(3), 1_024L * rnd.nextInt(4)),
                    1.0 + rnd.nextInt(3) * 0.5, 100 + rnd.nextInt(400)));
        }
        return new Site("s", hosts);
    }

    private static ClusterRequest randomCluster(Random rnd, String id, String team) {
        int[] cps = {1, 3, 5};
        MicroVmSize cp = new MicroVmSize(1 + rnd.nextInt(4), 1_024L * (1 + rnd.nextInt(8)), 10);
        Workers w = switch (rnd.nextInt(3)) {
            case 0 -> Workers.none();
            case 1 -> Workers.bareMetal(1 + rnd.nextInt(2));
            default -> Workers.microVms(1 + rnd.nextInt(4),
                    new MicroVmSize(1 + rnd.nextInt(6), 1_024L * (1 + rnd.nextInt(12)), 20));
        };
        return new ClusterRequest(id, team, cps[rnd.nextInt(3)], cp, w);
    }

    private static NetworkFunctionRequest randomNf(Random rnd, String id, String team, String cluster) {
        Map<String, Integer> vfs = rnd.nextBoolean() ? Map.of("physnet-a", 1 + rnd.nextInt(2))
                : Map.of("physnet-a", 1, "physnet-b", 1);
        return new NetworkFunctionRequest(id, team, cluster, 1 + rnd.nextInt(3), 1 + rnd.nextInt(6),
                rnd.nextInt(4), 1_024L * rnd.nextInt(8), vfs);
    }
}
