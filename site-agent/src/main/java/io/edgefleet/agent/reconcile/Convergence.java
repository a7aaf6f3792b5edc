package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.report.ReportSink;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One reconcile run, free of threads and framework: measure, plan the steps, run each step
 * (measure, act, verify), measure again, report what was measured. Not thread-safe: the
 * {@link Reconciler} runs one at a time.
 *
 * <p>A host's agent ({@link HostScope}) gives the planner only its part: the microVMs planned on
 * its host and those its driver measured there; it runs the site-level steps and reports the
 * clusters only while the plan names its host for them.
 */
public final class Convergence {
    private static final Logger LOG = Logger.getLogger(Convergence.class);

    /**
     * What one run did: the steps performed, the ones that had not converged after acting, and
     * whether every planned microVM was measured RUNNING at the end.
     */
    public record Outcome(List<String> performed, List<String> notConverged, boolean allPlannedRunning) {
        /** Nothing left to do and everything planned runs. */
        public boolean converged() {
            return notConverged.isEmpty() && allPlannedRunning;
        }
    }

    private final HostScope scope;
    private final Target target;
    private final ReconcilePlanner planner;
    private final StateReports reports;
    private final Set<String> knownClusters = new HashSet<>();
    private Executor createExecutor = Runnable::run;

    /** A site-wide agent: the whole plan. */
    public Convergence(String siteId, Target target, ReconcilePlanner planner, ReportSink sink) {
        this(siteId, HostScope.wholeSite(), target, planner, sink);
    }

    /** The agent of the scope's part of the plan. */
    public Convergence(String siteId, HostScope scope, Target target, ReconcilePlanner planner, ReportSink sink) {
        this.scope = scope;
        this.target = target;
        this.planner = planner;
        this.reports = new StateReports(siteId, sink, scope.isWholeSite());
    }

    /**
     * Runs the create steps of a run on {@code executor}, all at once (each microVM's create is
     * independent: drivers lock per microVM), so the k-th microVM of a plan does not wait for the VMMs
     * of the k-1 before it to come up. The default runs them one after another on the caller's thread.
     */
    public Convergence createsOn(Executor executor) {
        this.createExecutor = executor;
        return this;
    }

    public Outcome run(SitePlan plan) {
        return run(plan, false);
    }

    /** One run; with {@code refreshReports}, every measured state is reported again, changed or not. */
    public Outcome run(SitePlan plan, boolean refreshReports) {
        List<String> performed = new ArrayList<>();
        List<String> notConverged = new ArrayList<>();
        SitePlan mine = scope.ownPart(plan);
        boolean siteSteps = scope.runsSiteSteps(plan);
        // Each link measures afresh: a microVM booted by the first is a node the second can label.
        perform(planner.confinements(mine), performed, notConverged);
        if (!scope.isWholeSite()) {
            // Only a host's own agent can write its files and restart its kubelet.
            perform(planner.nodeHostSteps(mine), performed, notConverged);
        }
        performAtOnce(planner.creates(mine, measure()), performed, notConverged);
        if (siteSteps) {
            perform(planner.clusterSteps(plan, observe(plan, measure())), performed, notConverged);
        }
        perform(planner.removals(mine, measure()), performed, notConverged);
        List<MicroVmStatus> after = measure();
        reports.publish(plan, after, siteSteps ? observe(plan, after) : Map.of(), refreshReports, siteSteps);
        forgetRemovedClusters(siteSteps ? plan.clusters() : List.of());
        Set<String> running = after.stream().filter(s -> s.state() == MicroVmState.RUNNING)
                .map(MicroVmStatus::microVmId).collect(Collectors.toSet());
        boolean allRunning = mine.microVms().stream().allMatch(vm -> running.contains(vm.microVmId()));
        return new Outcome(performed, notConverged, allRunning);
    }

    /** What the driver measures now, on this agent's host (a site-wide agent: all of it). */
    private List<MicroVmStatus> measure() {
        return scope.own(target.microVms().list());
    }

    private void perform(List<Step> steps, List<String> performed, List<String> notConverged) {
        for (Step step : steps) {
            record(step, performOne(step), performed, notConverged);
        }
    }

    /** Performs independent steps concurrently on the create executor, then records them in their order. */
    private void performAtOnce(List<Step> steps, List<String> performed, List<String> notConverged) {
        List<CompletableFuture<StepResult>> running = steps.stream()
                .map(step -> CompletableFuture.supplyAsync(() -> performOne(step), createExecutor)).toList();
        for (int i = 0; i < steps.size(); i++) {
            record(steps.get(i), running.get(i).join(), performed, notConverged);
        }
    }

    /** What performing one step came to. */
    private enum StepResult { NOT_NEEDED, CONVERGED, NOT_CONVERGED, FAILED }

    private StepResult performOne(Step step) {
        try {
            if (!step.shouldDo(target)) {
                return StepResult.NOT_NEEDED;
            }
            LOG.debugf("%s", step.describe());
            step.perform(target);
            return step.verify(target) ? StepResult.CONVERGED : StepResult.NOT_CONVERGED;
        } catch (RuntimeException e) {
            // One step failing (an API server hiccup) must not stop the others; the next run retries.
            LOG.warnf("%s failed: %s", step.describe(), e.toString());
            return StepResult.FAILED;
        }
    }

    private static void record(Step step, StepResult result, List<String> performed, List<String> notConverged) {
        if (result == StepResult.CONVERGED || result == StepResult.NOT_CONVERGED) {
            performed.add(step.describe());
        }
        if (result == StepResult.NOT_CONVERGED || result == StepResult.FAILED) {
            notConverged.add(step.describe());
        }
    }

    /**
     * Measures each planned cluster whose control-plane microVMs all run (before that, there is no API
     * server). A host's agent sees only its own host's microVMs, so it asks every planned cluster's API
     * server, which answers for the control planes on the other hosts.
     */
    private Map<String, ClusterState> observe(SitePlan plan, List<MicroVmStatus> vms) {
        Map<String, MicroVmStatus> byId = vms.stream()
                .collect(Collectors.toMap(MicroVmStatus::microVmId, Function.identity(), (a, b) -> a));
        Map<String, ClusterState> out = new LinkedHashMap<>();
        for (PlannedCluster cluster : plan.clusters()) {
            boolean cpUp = !scope.isWholeSite() || !cluster.controlPlaneMicroVmIds().isEmpty()
                    && cluster.controlPlaneMicroVmIds().stream()
                    .allMatch(id -> byId.containsKey(id) && byId.get(id).state() == MicroVmState.RUNNING);
            if (cpUp) {
                try {
                    out.put(cluster.clusterId(), target.clusters().observe(cluster).withEtcd(target.etcd().observe(plan, cluster)));
                } catch (RuntimeException e) {
                    out.put(cluster.clusterId(), ClusterState.unreachable(cluster.clusterId(), null, e.toString()));
                }
            }
        }
        return out;
    }

    /** Lets go of clusters this agent no longer looks after (removed, or the site steps moved to another host). */
    private void forgetRemovedClusters(List<PlannedCluster> kept) {
        Set<String> planned = kept.stream().map(PlannedCluster::clusterId).collect(Collectors.toSet());
        for (String gone : new HashSet<>(knownClusters)) {
            if (!planned.contains(gone)) {
                target.clusters().forget(gone);
                target.etcd().forget(gone);
            }
        }
        knownClusters.clear();
        knownClusters.addAll(planned);
    }
}
