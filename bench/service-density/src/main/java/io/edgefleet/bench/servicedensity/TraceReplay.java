package io.edgefleet.bench.servicedensity;

import io.edgefleet.placement.consolidation.ConsolidationPlanner;
import io.edgefleet.placement.consolidation.PlannedMove;
import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.Workers;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.intake.BurstDecisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Replays one site's seeded churn trace through placement's decision path: a poll's creates go
 * through {@link BurstDecisions} (as the create handler takes them), scales, deletes and network
 * functions through the engine calls the handlers make, and every {@code consolidateEvery} steps
 * an operator's consolidation through {@link ConsolidationPlanner}, its moves applied.
 *
 * <p>The trace: the first quarter of the steps fills the site (creates with probability 0.8);
 * afterwards creates come with probability 0.65 while the site's load (the larger of its vCPU and
 * memory shares in use, a bare-metal worker's host counted full) is under a random target of 30-60 %,
 * else 0.3. A create step is a poll of 1-4 cluster creates (70 %), a network
 * function (15 %) or a scale up (15 %); the other steps delete a cluster with its functions (60 %),
 * a network function (15 %) or scale down (25 %). Clusters: 1 or 3 control planes of 2 vCPU and
 * 4-8 GiB; 1-4 worker microVMs of 2-8 vCPU and 4-32 GiB, or in one case of five 1-2 bare-metal
 * workers. Network functions run in a random live cluster: 1-2 replicas of 2-8 pinned cores,
 * 2-8 hugepages, 4-16 GiB and 2 VFs.
 */
final class TraceReplay {
    private final PlacementEngine engine = new PlacementEngine();
    private final ConsolidationPlanner planner = new ConsolidationPlanner(ConsolidationPlanner.DEFAULT_BUDGET);
    private final Random rnd;
    private final LiveSet live = new LiveSet();
    private SiteState state;
    private int next;
    int creates;
    int rejected;
    int burstsBatched;
    int moves;

    TraceReplay(String siteId, int hosts, long seed) {
        this.rnd = new Random(seed);
        this.state = SiteState.of(SiteModel.site(siteId, hosts), List.of());
    }

    /** Runs the trace; returns the site as the service leaves it. */
    SiteState run(int steps, int consolidateEvery) {
        double target = 0.3 + 0.3 * rnd.nextDouble();
        for (int step = 0; step < steps; step++) {
            double create = step < steps / 4 ? 0.8 : load() > target ? 0.3 : 0.65;
            if (rnd.nextDouble() < create) {
                double k = rnd.nextDouble();
                if (k < 0.7) {
                    poll();
                } else if (k < 0.85) {
                    networkFunction();
                } else {
                    scale(true);
                }
            } else {
                double k = rnd.nextDouble();
                if (k < 0.6) {
                    deleteCluster();
                } else if (k < 0.75) {
                    deleteNetworkFunction();
                } else {
                    scale(false);
                }
            }
            if (consolidateEvery > 0 && step % consolidateEvery == consolidateEvery - 1) {
                consolidate();
            }
        }
        return state;
    }

    LiveSet live() {
        return live;
    }

    private void poll() {
        int n = rnd.nextDouble() < 0.5 ? 1 : 1 + rnd.nextInt(4);
        List<ClusterRequest> burst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            burst.add(newCluster());
        }
        BurstDecisions.Choice choice = BurstDecisions.decide(state, burst, Map.of(), BurstDecisions.OPTIONS);
        burstsBatched += choice.batched() ? 1 : 0;
        for (int i = 0; i < n; i++) {
            creates++;
            if (apply(choice.decisions().get(i))) {
                live.created(burst.get(i));
            } else {
                rejected++;
            }
        }
    }

    private ClusterRequest newCluster() {
        String id = "c" + next++;
        MicroVmSize cp = new MicroVmSize(2, 4_096L * (1 + rnd.nextInt(2)), 20);
        Workers workers = rnd.nextInt(5) == 0 ? Workers.bareMetal(1 + rnd.nextInt(2))
                : Workers.microVms(1 + rnd.nextInt(4), new MicroVmSize(2 + 2 * rnd.nextInt(4),
                4_096L * (1 + rnd.nextInt(8)), 40));
        return new ClusterRequest(id, "team-" + rnd.nextInt(4), rnd.nextBoolean() ? 1 : 3, cp, workers);
    }

    private void networkFunction() {
        List<ClusterRequest> clusters = live.clusters();
        if (clusters.isEmpty()) {
            return;
        }
        ClusterRequest in = clusters.get(rnd.nextInt(clusters.size()));
        NetworkFunctionRequest nf = new NetworkFunctionRequest("nf" + next++, in.team(), in.clusterId(),
                1 + rnd.nextInt(2), 2 + rnd.nextInt(7), 2 + rnd.nextInt(7), 4_096L * (1 + rnd.nextInt(4)),
                Map.of("physnet-a", 2));
        creates++;
        if (apply(engine.placeNetworkFunction(state, nf, null))) {
            live.placed(nf);
        } else {
            rejected++;
        }
    }

    private void scale(boolean up) {
        List<ClusterRequest> clusters = live.clusters();
        if (clusters.isEmpty()) {
            return;
        }
        ClusterRequest c = clusters.get(rnd.nextInt(clusters.size()));
        if (rnd.nextInt(3) == 0) {
            int replicas = up ? 3 : 1;
            if (replicas != c.controlPlaneReplicas()
                    && apply(engine.scaleControlPlane(state, c.clusterId(), replicas, null))) {
                live.controlPlaneScaled(c.clusterId(), replicas);
            }
            return;
        }
        Workers w = c.workers();
        int count = w.count() + (up ? 1 : -1);
        if (w.count() == 0 || count < 1 || count > 6) {
            return;
        }
        Workers target = w.mode() == Workers.Mode.BARE_METAL ? Workers.bareMetal(count) : Workers.microVms(count, w.size());
        if (apply(engine.scaleWorkers(state, c.clusterId(), target, null))) {
            live.workersScaled(c.clusterId(), target);
        }
    }

    private void deleteCluster() {
        List<ClusterRequest> clusters = live.clusters();
        if (clusters.isEmpty()) {
            return;
        }
        String id = clusters.get(rnd.nextInt(clusters.size())).clusterId();
        for (String nf : live.functionsOf(id)) {
            apply(engine.deleteNetworkFunction(state, nf));
            live.removed(nf);
        }
        apply(engine.deleteCluster(state, id));
        live.deleted(id);
    }

    private void deleteNetworkFunction() {
        List<NetworkFunctionRequest> nfs = live.functions();
        if (!nfs.isEmpty()) {
            String id = nfs.get(rnd.nextInt(nfs.size())).nfId();
            apply(engine.deleteNetworkFunction(state, id));
            live.removed(id);
        }
    }

    /** The operator's consolidation: the service's plan, every move performed. */
    private void consolidate() {
        ConsolidationPlanner.Plan plan = planner.plan(state, null);
        List<Allocation> placed = new ArrayList<>();
        List<Allocation> released = new ArrayList<>();
        for (PlannedMove m : plan.moves()) {
            Allocation current = state.allocation(m.holderId());
            placed.add(m.target(current));
            released.add(current);
        }
        state = state.apply(placed, released);
        moves += placed.size();
    }

    private boolean apply(Decision d) {
        if (!d.accepted()) {
            return false;
        }
        state = d.applyTo(state);
        return true;
    }

    /** The site's load: the larger of its vCPU and memory shares in use, a bare-metal worker's host counted full. */
    private double load() {
        long vcpuCap = 0;
        long vcpuFree = 0;
        long memCap = 0;
        long memFree = 0;
        for (int h = 0; h < state.hostCount(); h++) {
            var l = state.host(h);
            boolean whole = l.exclusiveOwner() != null;
            vcpuCap += l.vcpuCapacity();
            vcpuFree += whole ? 0 : l.freeVcpu();
            memCap += l.memoryCapacityMib();
            memFree += whole ? 0 : l.freeMemoryMib();
        }
        return Math.max(memCap == 0 ? 0 : 1.0 - (double) memFree / memCap,
                vcpuCap == 0 ? 0 : 1.0 - (double) vcpuFree / vcpuCap);
    }
}
