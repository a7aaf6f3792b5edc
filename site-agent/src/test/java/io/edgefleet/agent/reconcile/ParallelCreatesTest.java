package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The creates of one run overlap on the create executor, so no microVM waits for the VMMs planned before it. */
class ParallelCreatesTest {

    /** A driver whose creates each wait until all three are in progress at once (they never are when run in series). */
    static final class Rendezvous implements MicroVmDriver {
        final SimulatedDriver real = new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults().withAwaitBoot(false),
                new Plans.TestClock());
        final CountDownLatch allInside = new CountDownLatch(3);
        final AtomicInteger metTheOthers = new AtomicInteger();

        @Override
        public MicroVmStatus create(MicroVmSpec spec) {
            allInside.countDown();
            try {
                if (allInside.await(10, TimeUnit.SECONDS)) {
                    metTheOthers.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.create(spec);
        }

        @Override
        public List<MicroVmStatus> list() {
            return real.list();
        }

        @Override
        public MicroVmStatus stop(String microVmId) {
            return real.stop(microVmId);
        }

        @Override
        public void delete(String microVmId) {
            real.delete(microVmId);
        }
    }

    @Test
    void threeCreatesOfOnePlanRunAtOnceAndAreRecordedInPlanOrder() {
        Rendezvous driver = new Rendezvous();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Convergence agent = new Convergence(Plans.SITE, new Target(driver, new SimulatedClusterAccess(driver.real)),
                    new ReconcilePlanner("/k", "/r", new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_")), new Plans.Sink())
                    .createsOn(pool);
            Convergence.Outcome outcome = agent.run(Plans.plan(1, "c1"));
            assertEquals(3, driver.metTheOthers.get(), "every create was in progress while the other two were");
            assertEquals(List.of("create microVM c1-cp-0 on h1", "create microVM c1-cp-1 on h2", "create microVM c1-cp-2 on h3"),
                    outcome.performed());
            assertTrue(driver.real.list().size() == 3);
        } finally {
            pool.shutdownNow();
        }
    }
}
