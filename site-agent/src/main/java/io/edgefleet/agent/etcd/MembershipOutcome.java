package io.edgefleet.agent.etcd;

/**
 * What one reconcile run did to etcd's membership, for the agent to report as the cluster's bootstrap step.
 *
 * @param step the step the planner chose (null when etcd could not even be listed)
 * @param detail etcd's own words when it refused or could not be reached, else empty
 */
public record MembershipOutcome(Kind kind, MembershipStep step, String detail) {

    public enum Kind {
        /** The step was performed: etcd accepted the change. */
        DONE,
        /** Nothing to do yet: the planner waits on something, or etcd refused the step for now. */
        WAITING,
        /** etcd's members are the planned ones. */
        CONVERGED,
        /** etcd could not be listed, did not answer the change, or refused it for good. */
        FAILED
    }

    public MembershipOutcome {
        detail = detail == null ? "" : detail;
    }

    public boolean converged() {
        return kind == Kind.CONVERGED;
    }

    /** One line for the cluster's status: what was done or what is waited on. */
    public String describe() {
        String what = step == null ? "read etcd's members" : step.describe();
        return switch (kind) {
            case DONE -> "etcd: done: " + what;
            case CONVERGED -> "etcd: " + what;
            case WAITING -> "etcd: " + (detail.isEmpty() ? what : "not yet: " + what + " (" + detail + ")");
            case FAILED -> "etcd: failed to " + what + ": " + detail;
        };
    }
}
