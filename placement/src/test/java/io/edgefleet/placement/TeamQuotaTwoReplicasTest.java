package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.QuotaRequests.Logged;
import io.edgefleet.placement.QuotaRequests.Sent;
import io.edgefleet.placement.intake.RequestBatchProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A team quota under load with two replicas: two batch processors, each deciding the partition of
 * its own site as a replica does, race creates for ONE team across the two sites in one database.
 * The quota's lock makes them take turns per team, so usage never passes the limit, exactly as
 * many clusters as fit are accepted, and every request has exactly one outcome.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class TeamQuotaTwoReplicasTest extends FlowTest {
    private static final int BATCHES = 8;
    private static final int PER_BATCH = 4;
    /** 6 vCPU per cluster: room for exactly 10 clusters, of the 64 asked for. */
    private static final long VCPU_LIMIT = 60;

    @Inject
    RequestBatchProcessor processor;

    @Test
    void twoReplicasRacingForOneTeamNeverPassItsLimit() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String team = "ran-core-" + run;
        String[] sites = {"tq-a-" + run, "tq-b-" + run};
        for (String site : sites) {
            flow.send(TestFleet.heartbeat(site, 4));
        }
        for (String site : sites) {
            flow.awaitSiteKnown(site);
        }
        Sent set = QuotaRequests.record(QuotaRequests.quota(team, VCPU_LIMIT, null, null, 100), 0);
        processor.process(List.of(set.record()));
        assertTrue(QuotaRequests.outcomes(dataSource, List.of(set.requestId())).get(set.requestId()).accepted());

        List<List<List<Sent>>> work = new ArrayList<>();
        List<String> requestIds = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<List<Sent>> batches = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                List<Sent> batch = new ArrayList<>();
                for (int i = 0; i < PER_BATCH; i++) {
                    Sent s = QuotaRequests.record(QuotaRequests.cluster("c-" + r + "-" + b + "-" + i + "-" + run, team,
                            sites[r]), r);
                    batch.add(s);
                    requestIds.add(s.requestId());
                }
                batches.add(batch);
            }
            work.add(batches);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<List<Sent>> batches : work) {
                running.add(replicas.submit(() -> {
                    start.await();
                    for (List<Sent> batch : batches) {
                        processor.process(QuotaRequests.records(batch));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            replicas.shutdownNow();
        }

        Map<String, Logged> outcomes = QuotaRequests.outcomes(dataSource, requestIds);
        assertEquals(requestIds.size(), outcomes.size(), "every request has its one outcome");
        long accepted = outcomes.values().stream().filter(Logged::accepted).count();
        long[] held = QuotaRequests.held(dataSource, team);
        assertTrue(held[0] <= VCPU_LIMIT, "the team holds " + held[0] + " vCPU, over its limit " + VCPU_LIMIT);
        assertEquals(VCPU_LIMIT / 6, accepted, "as many clusters as fit the limit, no fewer (capacity is ample)");
        assertEquals(accepted * 6, held[0], "what the accepted clusters hold");
        assertEquals(accepted, held[2], "live clusters");
        for (Logged o : outcomes.values()) {
            if (!o.accepted()) {
                assertEquals("QUOTA_EXCEEDED", o.code(), o.message());
                assertEquals("team " + team + " quota exceeded: vcpu needs 6, used 60 of 60", o.message());
            }
        }

        // The same poll again (a replica taking over the partition): duplicates, answered as before, nothing taken.
        processor.process(QuotaRequests.records(work.get(0).get(0)));
        assertEquals(held[0], QuotaRequests.held(dataSource, team)[0]);
        assertEquals(outcomes, QuotaRequests.outcomes(dataSource, requestIds));
    }
}
