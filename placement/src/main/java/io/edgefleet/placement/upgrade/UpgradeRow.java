package io.edgefleet.placement.upgrade;

import java.time.Instant;
import java.util.List;

/**
 * A cluster's latest Kubernetes version roll as placement keeps it ({@code cluster_upgrade}, V19).
 *
 * @param state            ROLLING, DONE or FAILED
 * @param phase            null between steps, else ADDING (the newcomer joins) or REMOVING (the replaced one leaves)
 * @param stepIndex        steps started so far: control-plane replicas first, then worker microVMs
 * @param replacedHolder   the allocation holder that leaves in this step
 * @param newHolder        the holder added in this step, at {@code toVersion}
 * @param newMicroVmId     that holder's microVM id, kept after the step (a late failure report names it)
 * @param stepPlanVersion  the first site plan that carries the step's change
 * @param readyPlanVersion the newest plan the agent reported the cluster READY for
 * @param upgradedHolders  holders placed at {@code toVersion}
 * @param lastReport       what the agent said last while the cluster was not READY
 * @param failure          a failure reported for the newcomer, waiting for the sweeper to stop the roll
 * @param reason           why the roll failed, or null
 */
public record UpgradeRow(String clusterId, String siteId, String fromVersion, String toVersion, String state,
                         String phase, int stepIndex, int controlPlaneSteps, int workerSteps, String replacedHolder,
                         String newHolder, String newMicroVmId, Long stepPlanVersion, Long readyPlanVersion,
                         Instant stepStartedAt, List<String> upgradedHolders, String lastReport, String failure,
                         String reason) {
    public static final String ROLLING = "ROLLING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String ADDING = "ADDING";
    public static final String REMOVING = "REMOVING";

    public UpgradeRow {
        upgradedHolders = upgradedHolders == null ? List.of() : List.copyOf(upgradedHolders);
    }

    public boolean rolling() {
        return ROLLING.equals(state);
    }

    /** Steps in all. */
    public int steps() {
        return controlPlaneSteps + workerSteps;
    }

    /** "control plane replica 2 of 3", "worker 1 of 2", or "waiting to start" before the first step. */
    public String stepName() {
        if (stepIndex == 0) {
            return "waiting to start";
        }
        return stepIndex <= controlPlaneSteps ? "control plane replica " + stepIndex + " of " + controlPlaneSteps
                : "worker " + (stepIndex - controlPlaneSteps) + " of " + workerSteps;
    }

    /** "upgrading 1.31 -> 1.32: control plane replica 2 of 3": the cluster's status reason while it rolls. */
    public String progress() {
        return "upgrading " + fromVersion + " -> " + toVersion + ": " + stepName();
    }
}
