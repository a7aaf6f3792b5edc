package io.edgefleet.placement.engine;

import static io.edgefleet.placement.engine.Fixtures.cluster;
import static io.edgefleet.placement.engine.Fixtures.empty;
import static io.edgefleet.placement.engine.Fixtures.site;
import static io.edgefleet.placement.engine.Fixtures.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerScalingTest {

    private final PlacementEngine engine = new PlacementEngine();

    @Test
    void growAddsNextIndicesAndShrinkRemovesHighest() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 1, Workers.microVms(2, vm(1, 1024))))
                .applyTo(state);
        Decision up = engine.scaleWorkers(state, "c1", Workers.microVms(4, vm(1, 1024)), null);
        assertEquals(List.of("c1/w-2", "c1/w-3"), up.placed().stream().map(Allocation::holderId).toList());
        state = up.applyTo(state);
        Decision down = engine.scaleWorkers(state, "c1", Workers.microVms(1, vm(1, 1024)), null);
        assertEquals(List.of("c1/w-3", "c1/w-2", "c1/w-1"),
                down.released().stream().map(Allocation::holderId).toList());
    }

    @Test
    void changingKindOrUnknownClusterIsRejected() {
        SiteState state = empty(site(3, 3));
        state = engine.createCluster(state, cluster("c1", 1, Workers.bareMetal(1))).applyTo(state);
        assertEquals(RejectionCode.INVALID_REQUEST, engine.scaleWorkers(state, "c1",
                Workers.microVms(2, vm(1, 1024)), null).rejection().code());
        assertEquals(RejectionCode.UNKNOWN_OWNER,
                engine.scaleWorkers(state, "zz", Workers.bareMetal(1), null).rejection().code());
        assertEquals(RejectionCode.NO_FREE_HOST,
                engine.scaleWorkers(state, "c1", Workers.bareMetal(4), null).rejection().code());
    }
}
