package io.edgefleet.agent.driver.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads creating overlapping microVMs must neither duplicate one nor overbook a host. */
class SimulatedDriverConcurrencyTest {

    @Test
    void racingCreatesMakeOneMicroVmPerIdAndNeverOverbook() throws Exception {
        SimulatedDriver d = new SimulatedDriver(TestSites.small(),
                SimulatedDriverConfig.defaults().withAwaitBoot(false), new ManualClock(Instant.EPOCH));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    // 20 ids of 1 vCPU each on h1 (8 vCPUs): every thread tries all of them.
                    for (int i = 0; i < 20; i++) {
                        d.create(MicroVmSpec.of("vm-" + i, "c1", "h1", 1, 64, 1));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<MicroVmStatus> all = d.list();
        assertEquals(20, all.size(), "one microVM per id");
        long holding = all.stream().filter(s -> s.state().holdsResources()).count();
        assertEquals(8, holding, "exactly the host's 8 vCPUs are handed out");
        assertTrue(all.stream().filter(s -> s.state() == MicroVmState.FAILED)
                .allMatch(s -> s.reason().startsWith("does not fit host h1")));
    }
}
