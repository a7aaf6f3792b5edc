package io.edgefleet.agent.etcd;

/**
 * The one thing {@link MembershipPlanner} decides to do with etcd's membership this run. Each describes
 * itself in a sentence, because the agent reports it as the cluster's bootstrap step.
 */
public sealed interface MembershipStep {

    String describe();

    /** Add a planned replica as a learner: it receives the log but does not vote, so quorum is untouched. */
    record AddLearner(DesiredMember member) implements MembershipStep {
        @Override
        public String describe() {
            return "add " + member.name() + " as an etcd learner at " + member.peerUrl();
        }
    }

    /** Make a started, answering learner a voting member (etcd refuses while it lags the leader). */
    record Promote(EtcdMember member) implements MembershipStep {
        @Override
        public String describe() {
            return "promote etcd learner " + member.label() + " to voting member";
        }
    }

    /** Remove one member that the plan no longer has, for the given reason. */
    record Remove(EtcdMember member, String reason) implements MembershipStep {
        @Override
        public String describe() {
            return "remove etcd member " + member.label() + ": " + reason;
        }
    }

    /** Nothing is safe to do now; the reason says what must change first. */
    record Wait(String reason) implements MembershipStep {
        @Override
        public String describe() {
            return "wait: " + reason;
        }
    }

    /** etcd's members are exactly the planned replicas, all started voting members that answer. */
    record Converged() implements MembershipStep {
        @Override
        public String describe() {
            return "etcd members match the plan";
        }
    }
}
