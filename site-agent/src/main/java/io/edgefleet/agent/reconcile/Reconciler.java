package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.report.Reporter;
import io.edgefleet.events.plan.SitePlan;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Converges the site to the newest plan: on every new plan and on a timer (drift repair).
 * One run at a time; a plan arriving mid-run triggers one more run, never a queue of stale ones.
 * Reconciling reads the driver (what runs), never a record of what we hoped runs.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    @Inject
    AgentConfig config;
    @Inject
    MicroVmDriver driver;
    @Inject
    Reporter reporter;

    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile SitePlan desired;
    private ReconcilePlanner planner;
    private StateReports reports;
    private ExecutorService runner;
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        planner = new ReconcilePlanner(config.kernelImage(), config.rootfsImage());
        reports = new StateReports(config.siteId(), reporter);
        runner = Executors.newSingleThreadExecutor(daemon("reconcile"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("drift-timer"));
        long every = config.reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(this::trigger, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        // Stopping the agent stops reconciling only: every microVM keeps running.
        timer.shutdownNow();
        runner.shutdownNow();
    }

    /** A new plan: converge to it. */
    public void desire(SitePlan plan) {
        desired = plan;
        LOG.infof("plan %d of site %s: %d microVMs, %d clusters", plan.version(), plan.siteId(),
                plan.microVms().size(), plan.clusters().size());
        trigger();
    }

    private void trigger() {
        if (pending.compareAndSet(false, true)) {
            runner.submit(this::runOnce);
        }
    }

    private void runOnce() {
        pending.set(false);
        SitePlan plan = desired;
        if (plan == null) {
            return;
        }
        try {
            List<Step> steps = planner.steps(plan, driver.list());
            for (Step step : steps) {
                if (step.shouldDo(driver)) {
                    LOG.debugf("%s", step.describe());
                    step.perform(driver);
                    if (!step.verify(driver)) {
                        LOG.infof("%s: not converged yet; the report says what was measured", step.describe());
                    }
                }
            }
            reports.publish(plan, driver.list());
        } catch (RuntimeException e) {
            LOG.warnf(e, "reconciling plan %d failed; the next run retries", plan.version());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
