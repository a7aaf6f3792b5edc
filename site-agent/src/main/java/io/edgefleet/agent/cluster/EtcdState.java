package io.edgefleet.agent.cluster;

import java.util.List;

/**
 * A cluster's etcd membership as measured just now.
 *
 * @param measured the agent can reach this cluster's etcd (it has the cluster's secrets and addresses);
 *                 false: not measured at all, and nothing here counts
 * @param voters   names of the started voting members (microVM ids)
 * @param learners names (or peer URLs, while unstarted) of learners
 * @param problem  why etcd could not be measured though it should have been, or null
 */
public record EtcdState(boolean measured, List<String> voters, List<String> learners, String problem) {
    public static final EtcdState NOT_MEASURED = new EtcdState(false, List.of(), List.of(), null);

    public EtcdState {
        voters = voters == null ? List.of() : List.copyOf(voters);
        learners = learners == null ? List.of() : List.copyOf(learners);
    }

    public static EtcdState unreachable(String problem) {
        return new EtcdState(true, List.of(), List.of(), problem);
    }

    /** Exactly the planned members vote and no learner is left: the membership the plan wants. */
    public boolean matches(List<String> plannedMembers) {
        return measured && problem == null && learners.isEmpty()
                && voters.size() == plannedMembers.size() && voters.containsAll(plannedMembers);
    }
}
