package io.edgefleet.bench.servicedensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trace keeps every rule and is replayed the same for a seed; the packer places the live set. */
class ServiceDensityTest {

    @Test
    void aTraceKeepsEveryHostWithinCapacityAndMatchesItsLiveSet() {
        TraceReplay trace = new TraceReplay("t", 8, 11);
        SiteState end = trace.run(150, 20);
        for (int h = 0; h < end.hostCount(); h++) {
            assertTrue(end.host(h).withinCapacity(), end.host(h).host().id());
        }
        Set<String> owners = new HashSet<>();
        end.allocations().stream().map(Allocation::ownerId).forEach(owners::add);
        Set<String> live = new HashSet<>();
        trace.live().clusters().forEach(c -> live.add(c.clusterId()));
        trace.live().functions().forEach(f -> live.add(f.nfId()));
        assertEquals(live, owners, "what the site holds is exactly the live set");
        assertTrue(trace.moves > 0 || trace.creates > 0);
    }

    @Test
    void aRunIsTheSameForItsSeed() {
        Options o = new Options(2, 8, 120, 1, 5, 20);
        ServiceDensityMain.Run a = ServiceDensityMain.run(o, 5);
        ServiceDensityMain.Run b = ServiceDensityMain.run(o, 5);
        assertEquals(a.hostsService(), b.hostsService());
        assertEquals(a.hostsPacker(), b.hostsPacker());
        assertEquals(0, a.unplaced(), "the packer places the whole live set");
    }

    @Test
    void badOptionsSayWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--sites", "many"}));
        assertEquals("--sites needs a whole number, got 'many'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--runs"}));
    }
}
