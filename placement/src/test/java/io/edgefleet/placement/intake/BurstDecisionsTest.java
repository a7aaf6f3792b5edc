package io.edgefleet.placement.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.BatchOptions;
import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.Workers;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Host;
import io.edgefleet.placement.engine.model.HostState;
import io.edgefleet.placement.engine.model.NumaNode;
import io.edgefleet.placement.engine.model.Site;
import io.edgefleet.placement.engine.model.SystemReserve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The burst rule on hand-built sites: hosts of 16 cores at CPU ratio 1 and 64 GiB, no reserve. */
class BurstDecisionsTest {

    private static SiteState site(int hosts) {
        List<Host> list = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            list.add(new Host("h" + i, "rack-" + i, HostState.READY, Set.of(Host.MICROVM),
                    List.of(new NumaNode(0, 16, 65_536, 0, Map.of())), SystemReserve.NONE, 1.0, 1_000));
        }
        return SiteState.of(new Site("s", list), List.of());
    }

    private static ClusterRequest single(String id, int vcpu) {
        return new ClusterRequest(id, "team-a", 1, new MicroVmSize(vcpu, 4_096, 10), Workers.none());
    }

    @Test
    void aBurstDecidedTogetherFitsWhatArrivalOrderCannot() {
        // 6, 6, 10, 10 vCPU on two hosts of 16: in arrival order the second 10 finds no host
        SiteState state = site(2);
        List<ClusterRequest> burst = List.of(single("a", 6), single("b", 6), single("c", 10), single("d", 10));
        BurstDecisions.Choice choice = BurstDecisions.decide(state, burst, Map.of(), BatchOptions.defaults());
        assertEquals(3, choice.acceptedOne());
        assertEquals(4, choice.acceptedAll());
        assertTrue(choice.batched());
        SiteState after = state;
        for (Decision d : choice.decisions()) {
            assertTrue(d.accepted(), String.valueOf(d.rejection()));
            after = d.applyTo(after);
        }
        for (int h = 0; h < after.hostCount(); h++) {
            assertTrue(after.host(h).withinCapacity());
        }
        assertEquals(2, BurstDecisions.hostsInUse(after));
    }

    @Test
    void aLoneCreateIsDecidedAsAlways() {
        BurstDecisions.Choice choice = BurstDecisions.decide(site(2), List.of(single("a", 6)), Map.of(),
                BatchOptions.defaults());
        assertFalse(choice.batched());
        assertEquals(1, choice.acceptedOne());
        assertEquals(1, choice.hostsOne());
    }

    @Test
    void theKeptDecisionsNeverAcceptFewerNorSpreadWider() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            SiteState state = site(2 + rnd.nextInt(4));
            List<ClusterRequest> burst = new ArrayList<>();
            int n = 2 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                int replicas = rnd.nextInt(4) == 0 ? 3 : 1;
                burst.add(new ClusterRequest("c" + i, "team-a", replicas, new MicroVmSize(1 + rnd.nextInt(10),
                        1_024L * (1 + rnd.nextInt(40)), 10), Workers.none()));
            }
            BurstDecisions.Choice choice = BurstDecisions.decide(state, burst, Map.of(), BatchOptions.defaults());
            SiteState after = state;
            int accepted = 0;
            for (Decision d : choice.decisions()) {
                if (d.accepted()) {
                    accepted++;
                    after = d.applyTo(after);
                }
            }
            assertTrue(accepted >= choice.acceptedOne(), "round " + round);
            int hosts = BurstDecisions.hostsInUse(after);
            assertEquals(choice.batched() ? choice.hostsAll() : choice.hostsOne(), hosts, "round " + round);
            if (choice.batched()) {
                assertTrue(choice.hostsAll() <= choice.hostsOne(), "round " + round);
                assertTrue(choice.acceptedAll() >= choice.acceptedOne(), "round " + round);
            }
        }
    }
}
