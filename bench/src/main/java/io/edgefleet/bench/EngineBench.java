package io.edgefleet.bench;

import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.Workers;
import io.edgefleet.placement.engine.ledger.SiteState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One site-scoped cluster create per operation (3 control-plane microVMs of 2 vCPU / 4 GiB and
 * 2 worker microVMs of 4 vCPU / 8 GiB), cycling over the 1,000 sites of a fleet at 60 % load.
 * Decisions are not applied, so every operation sees the same load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBench {

    private final PlacementEngine engine = new PlacementEngine();
    private SiteState[] sites;
    private ClusterRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        sites = LoadedFleet.build(1_000, 16, 0.60, 7);
        requests = new ClusterRequest[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new ClusterRequest("bench-" + i, "team-" + (i % 10), 3,
                    new MicroVmSize(2, 4_096, 20), Workers.microVms(2, new MicroVmSize(4, 8_192, 40)));
        }
    }

    @Benchmark
    public Decision createCluster() {
        int i = next++;
        return engine.createCluster(sites[i % sites.length], requests[i & 63]);
    }
}
