package io.edgefleet.placement.upgrade;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.DecisionWriter;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves one cluster's roll on by at most one phase, in the transaction that holds its site (ADR 0030).
 * A step adds a newcomer at the target version beside the replica it replaces (ADDING); once the agent has
 * reported the cluster READY for a plan that carries the newcomer, which for a control-plane replica means
 * its node is Ready and it is a voting etcd member, the replaced one leaves through the same path as a
 * scale-down (REMOVING), and once a READY comes for a plan without it the next step starts. A failure of
 * the newcomer, a refusal of the engine or a step that outlasts {@code step-timeout} stops the roll: the
 * newcomer of an unfinished add is removed, the cluster keeps serving, and its reason says which step
 * stopped and why.
 */
@ApplicationScoped
public class UpgradeRoller {
    /** Statuses of a cluster that is neither ending nor ended: a roll goes on only in these. */
    private static final List<ClusterStatus> SERVING = List.of(ClusterStatus.PLACED, ClusterStatus.PROVISIONING,
            ClusterStatus.READY, ClusterStatus.SCALING);

    private final PlacementEngine engine = new PlacementEngine();

    @Inject
    DecisionWriter writer;
    @Inject
    UpgradeStore upgrades;
    @Inject
    AllocationStore allocations;

    /** How long one phase of a step (a newcomer joining, a replaced replica leaving) may take. */
    @ConfigProperty(name = "edgefleet.upgrade.step-timeout", defaultValue = "15m")
    Duration stepTimeout;

    /** What a call changed: the roll as it is now, and whether this transaction's plan is the step's first. */
    public record Moved(UpgradeRow roll, boolean stepPlanned, boolean changed) {
    }

    /**
     * Whether the sweeper has anything to do for this roll now: it reads the site afresh only then. Between
     * steps, a cluster that is not READY (a scale runs) makes the next step wait, so there is nothing to do.
     */
    public boolean due(UpgradeRow roll, ClusterRow cluster, Instant now) {
        if (roll.failure() != null || !SERVING.contains(cluster.status())) {
            return true;
        }
        if (roll.phase() == null) {
            return cluster.status() == ClusterStatus.READY;
        }
        if (roll.stepStartedAt() != null && roll.stepStartedAt().plus(stepTimeout).isBefore(now)) {
            return true;
        }
        return readyAfterStep(roll);
    }

    public Moved advance(Batch batch, SiteWork site, ClusterRow cluster, UpgradeRow roll, Instant now)
            throws SQLException {
        if (!SERVING.contains(cluster.status())) {
            return stopped(batch, site, cluster, roll, "the cluster is " + cluster.status());
        }
        if (roll.failure() != null) {
            return stopped(batch, site, cluster, roll, roll.failure());
        }
        if (roll.phase() != null && roll.stepStartedAt() != null && roll.stepStartedAt().plus(stepTimeout).isBefore(now)) {
            String what = UpgradeRow.ADDING.equals(roll.phase()) ? roll.newHolder() + " did not join"
                    : roll.replacedHolder() + " did not leave";
            return stopped(batch, site, cluster, roll, what + " within " + stepTimeout.toMinutes() + " min"
                    + (roll.lastReport() == null ? "" : "; the agent reports: " + roll.lastReport()));
        }
        if (UpgradeRow.ADDING.equals(roll.phase()) && site.state().allocation(roll.newHolder()) == null) {
            // Released by another decision (a scale-down takes the newest replica first): removing the replaced
            // one too would leave the control plane a replica short.
            return stopped(batch, site, cluster, roll, roll.newHolder() + " was removed while it joined");
        }
        if (UpgradeRow.ADDING.equals(roll.phase())) {
            return readyAfterStep(roll) && newcomerRuns(batch, roll) ? removeReplaced(batch, site, roll, now)
                    : new Moved(roll, false, false);
        }
        if (UpgradeRow.REMOVING.equals(roll.phase())) {
            if (!readyAfterStep(roll)) {
                return new Moved(roll, false, false);
            }
            roll = with(roll, null, roll.stepIndex(), roll.replacedHolder(), roll.newHolder(), roll.newMicroVmId(),
                    null, roll.upgradedHolders());
        }
        if (cluster.status() != ClusterStatus.READY) {
            // A scale (or the first bootstrap) runs: the next step waits for READY, the one before is complete.
            upgrades.update(batch.tx(), roll);
            return new Moved(roll, false, true);
        }
        List<Allocation> mine = site.state().allocationsOf(cluster.clusterId());
        Optional<Allocation> next = RollOrder.next(mine, roll.upgradedHolders());
        if (next.isEmpty()) {
            UpgradeRow done = new UpgradeRow(roll.clusterId(), roll.siteId(), roll.fromVersion(), roll.toVersion(),
                    UpgradeRow.DONE, null, roll.stepIndex(), roll.controlPlaneSteps(), roll.workerSteps(), null, null,
                    roll.newMicroVmId(), null, roll.readyPlanVersion(), null, roll.upgradedHolders(), null, null, null);
            upgrades.update(batch.tx(), done);
            String reason = "upgraded " + roll.fromVersion() + " -> " + roll.toVersion();
            upgrades.finish(batch.tx(), cluster.clusterId(), roll.toVersion(), reason);
            site.markPlanChanged(); // the cluster's version in the plan
            UpgradeAnnouncer.announce(batch, site, cluster, done, reason, roll.toVersion());
            return new Moved(done, false, true);
        }
        Allocation replaced = next.get();
        Decision surge = engine.surgeReplica(site.state(), cluster.clusterId(), replaced.holderId());
        UpgradeRow stepping = with(roll, null, roll.stepIndex() + 1, replaced.holderId(), null, null, null,
                roll.upgradedHolders());
        if (!surge.accepted()) {
            return stopped(batch, site, cluster, stepping, "no room for a replica beside " + replaced.holderId() + ": "
                    + surge.rejection().message());
        }
        writer.write(batch, site, surge, false);
        Allocation added = surge.placed().get(0);
        List<String> upgraded = new ArrayList<>(roll.upgradedHolders());
        upgraded.add(added.holderId());
        UpgradeRow adding = with(stepping, UpgradeRow.ADDING, stepping.stepIndex(), replaced.holderId(),
                added.holderId(), site.details().get(added.holderId()).microVmId(), now, upgraded);
        upgrades.update(batch.tx(), adding);
        upgrades.clusterReason(batch.tx(), cluster.clusterId(), adding.progress());
        UpgradeAnnouncer.announce(batch, site, cluster, adding, adding.progress(), roll.fromVersion());
        return new Moved(adding, true, true);
    }

    /** The newcomer joined: the replica it replaces leaves as in a scale-down, which steers etcd membership. */
    private Moved removeReplaced(Batch batch, SiteWork site, UpgradeRow roll, Instant now) throws SQLException {
        Allocation old = site.state().allocation(roll.replacedHolder());
        if (old == null) {
            // Gone already (a scale-down took it): the step is complete, the next one starts on the next sweep.
            UpgradeRow between = with(roll, null, roll.stepIndex(), roll.replacedHolder(), roll.newHolder(),
                    roll.newMicroVmId(), null, roll.upgradedHolders());
            upgrades.update(batch.tx(), between);
            return new Moved(between, false, true);
        }
        writer.write(batch, site, Decision.of(List.of(), List.of(old)), false);
        UpgradeRow removing = with(roll, UpgradeRow.REMOVING, roll.stepIndex(), roll.replacedHolder(), roll.newHolder(),
                roll.newMicroVmId(), now, roll.upgradedHolders());
        upgrades.update(batch.tx(), removing);
        return new Moved(removing, true, true);
    }

    /** Ends the roll at its step: a newcomer that has not joined leaves again; what joined stays. */
    private Moved stopped(Batch batch, SiteWork site, ClusterRow cluster, UpgradeRow roll, String why)
            throws SQLException {
        List<String> upgraded = new ArrayList<>(roll.upgradedHolders());
        if (UpgradeRow.ADDING.equals(roll.phase()) && roll.newHolder() != null) {
            Allocation newcomer = site.state().allocation(roll.newHolder());
            if (newcomer != null) {
                writer.write(batch, site, Decision.of(List.of(), List.of(newcomer)), false);
            }
            upgraded.remove(roll.newHolder());
        }
        String reason = "upgrade " + roll.fromVersion() + " -> " + roll.toVersion() + " stopped at " + roll.stepName()
                + ": " + why;
        UpgradeRow failed = new UpgradeRow(roll.clusterId(), roll.siteId(), roll.fromVersion(), roll.toVersion(),
                UpgradeRow.FAILED, null, roll.stepIndex(), roll.controlPlaneSteps(), roll.workerSteps(),
                roll.replacedHolder(), roll.newHolder(), roll.newMicroVmId(), null, roll.readyPlanVersion(), null,
                upgraded, roll.lastReport(), null, reason);
        upgrades.update(batch.tx(), failed);
        if (SERVING.contains(cluster.status())) {
            upgrades.clusterReason(batch.tx(), cluster.clusterId(), reason);
            UpgradeAnnouncer.announce(batch, site, cluster, failed, reason, roll.fromVersion());
        }
        site.markPlanChanged(); // the versions of the cluster's microVMs in the plan
        return new Moved(failed, false, true);
    }

    /** The agent reported READY for a plan at least as new as the one that carries the step's change. */
    private static boolean readyAfterStep(UpgradeRow roll) {
        return roll.stepPlanVersion() != null && roll.readyPlanVersion() != null
                && roll.readyPlanVersion() >= roll.stepPlanVersion();
    }

    /**
     * A control-plane newcomer is in the agent's READY (a Ready node and an etcd voter); a worker newcomer is
     * not, so its microVM must also have been seen running (ADR 0030).
     */
    private boolean newcomerRuns(Batch batch, UpgradeRow roll) throws SQLException {
        if (roll.newHolder() == null || roll.newHolder().contains("/cp-")) {
            return true;
        }
        return roll.newMicroVmId() != null && allocations.findMicroVm(batch.tx(), roll.newMicroVmId())
                .map(ref -> "RUNNING".equals(ref.observedState())).orElse(false);
    }

    private static UpgradeRow with(UpgradeRow r, String phase, int stepIndex, String replaced, String newHolder,
                                   String newMicroVmId, Instant startedAt, List<String> upgraded) {
        return new UpgradeRow(r.clusterId(), r.siteId(), r.fromVersion(), r.toVersion(), r.state(), phase, stepIndex,
                r.controlPlaneSteps(), r.workerSteps(), replaced, newHolder, newMicroVmId,
                phase == null || phase.equals(r.phase()) ? r.stepPlanVersion() : null, r.readyPlanVersion(), startedAt,
                upgraded, phase != null && phase.equals(r.phase()) ? r.lastReport() : null, null, r.reason());
    }
}
