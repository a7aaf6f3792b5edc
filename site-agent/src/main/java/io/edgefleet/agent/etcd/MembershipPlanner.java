package io.edgefleet.agent.etcd;

import io.edgefleet.agent.etcd.MembershipStep.AddLearner;
import io.edgefleet.agent.etcd.MembershipStep.Converged;
import io.edgefleet.agent.etcd.MembershipStep.Promote;
import io.edgefleet.agent.etcd.MembershipStep.Remove;
import io.edgefleet.agent.etcd.MembershipStep.Wait;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the one safe membership change to make this run, from what etcd lists, what the plan wants and
 * which members answered. Pure: the same inputs give the same step, and nothing is remembered between
 * runs, so an agent that crashes between two steps simply decides again from what etcd says.
 *
 * <p>The order of the rules is the protocol:
 * <ol>
 * <li>With less than a quorum of voters answering nothing can be changed safely: wait.</li>
 * <li>A learner the plan does not have (left behind by an interrupted join, or the join of a replica that
 *     was replaced since) is removed: learners do not vote, so this never touches quorum, and etcd accepts
 *     one learner at a time, so it would block every later join.</li>
 * <li>A voter the plan does not have and that does not answer is removed before anything is added. etcd
 *     3.4 and 3.5 refuse every member add while any voter is down (strict reconfiguration check), so a
 *     successor could never join otherwise; and removing a voter that is down never lowers the number of
 *     failures the cluster survives (the quorum shrinks or stays, the voters that answer stay).</li>
 * <li>A planned learner is promoted once it has started and answers (etcd itself refuses while it lags).</li>
 * <li>A planned voter that does not answer is waited for: it may be restarting, and adds are refused anyway.</li>
 * <li>A planned replica with no member whose microVM runs is added as a learner, one per run.</li>
 * <li>Only when every planned replica is a started voting member that answers, one voter the plan does not
 *     have (a replaced or scaled-away replica) is removed, preferring one that is not the leader, and only
 *     if the voters left keep a quorum that answers. Never the last member, never two in one run.</li>
 * </ol>
 */
public final class MembershipPlanner {

    private static final Comparator<EtcdMember> STABLE_ORDER =
            Comparator.comparing(EtcdMember::name).thenComparing(EtcdMember::id);

    private MembershipPlanner() {
    }

    public static MembershipStep nextStep(List<EtcdMember> actual, List<DesiredMember> desired, Health health) {
        if (desired.isEmpty()) {
            return new Wait("no control-plane replica is planned; etcd membership is left as it is");
        }
        if (actual.isEmpty()) {
            return new Wait("etcd lists no member");
        }
        Map<DesiredMember, EtcdMember> planned = match(actual, desired);
        List<EtcdMember> unplanned = unplanned(actual, planned);
        List<EtcdMember> voters = actual.stream().filter(m -> !m.learner()).toList();
        long answeringVoters = voters.stream().filter(health::answers).count();

        if (answeringVoters < majority(voters.size())) {
            return new Wait("etcd has lost quorum: " + answeringVoters + " of " + voters.size()
                    + " voting members answer; membership cannot change until a majority is back"
                    + " (or the cluster is restored from a snapshot)");
        }
        Optional<EtcdMember> strayLearner = unplanned.stream().filter(EtcdMember::learner).findFirst();
        if (strayLearner.isPresent()) {
            return new Remove(strayLearner.get(), "a learner the plan does not have (an interrupted or superseded join)");
        }
        Optional<EtcdMember> downVoter = unplanned.stream().filter(m -> !m.learner() && !health.answers(m)).findFirst();
        if (downVoter.isPresent()) {
            return removeIfQuorumKept(downVoter.get(), voters.size(), answeringVoters, health,
                    "not planned and not answering; etcd refuses every member add while a voter is down");
        }
        Optional<MembershipStep> learnerStep = plannedLearnerStep(planned, voters.size(), answeringVoters, health);
        if (learnerStep.isPresent()) {
            return learnerStep.get();
        }
        Optional<MembershipStep> silentVoter = plannedSilentVoter(planned, health);
        if (silentVoter.isPresent()) {
            return silentVoter.get();
        }
        Optional<MembershipStep> join = plannedJoin(planned);
        if (join.isPresent()) {
            return join.get();
        }
        Optional<EtcdMember> leaving = unplanned.stream()
                .sorted(Comparator.comparing((EtcdMember m) -> health.isLeader(m)).thenComparing(STABLE_ORDER))
                .findFirst();
        if (leaving.isPresent()) {
            return removeIfQuorumKept(leaving.get(), voters.size(), answeringVoters, health,
                    "not planned any more (replaced or scaled away); every planned replica is a voting member that answers");
        }
        return new Converged();
    }

    /**
     * Pairs each planned replica with its member: a started member by name (kubeadm names it after the
     * node, which is the microVM id), a member that has not started yet by the peer URL it was added with.
     * Insertion order follows the plan, so the first replica to join is the first planned.
     */
    static Map<DesiredMember, EtcdMember> match(List<EtcdMember> actual, List<DesiredMember> desired) {
        Map<DesiredMember, EtcdMember> planned = new LinkedHashMap<>();
        List<EtcdMember> free = new ArrayList<>(actual);
        for (DesiredMember d : desired) {
            Optional<EtcdMember> byName = free.stream().filter(m -> m.started() && m.name().equals(d.name())).findFirst();
            Optional<EtcdMember> found = byName.or(() -> free.stream().filter(m -> !m.started() && m.hasPeerUrl(d.peerUrl())).findFirst());
            planned.put(d, found.orElse(null));
            found.ifPresent(free::remove);
        }
        return planned;
    }

    private static List<EtcdMember> unplanned(List<EtcdMember> actual, Map<DesiredMember, EtcdMember> planned) {
        return actual.stream().filter(m -> !planned.containsValue(m)).sorted(STABLE_ORDER).toList();
    }

    private static Optional<MembershipStep> plannedLearnerStep(Map<DesiredMember, EtcdMember> planned, int voters,
                                                               long answeringVoters, Health health) {
        for (Map.Entry<DesiredMember, EtcdMember> e : planned.entrySet()) {
            EtcdMember m = e.getValue();
            if (m == null || !m.learner()) {
                continue;
            }
            String name = e.getKey().name();
            if (!m.started()) {
                return Optional.of(new Wait("learner " + name + " was added and its etcd has not started yet"));
            }
            if (!health.answers(m)) {
                return Optional.of(new Wait("learner " + name + " does not answer"));
            }
            // etcd's own check: once promoted, the started voters must still be a quorum of the new voter set.
            if (answeringVoters + 1 < majority(voters + 1)) {
                return Optional.of(new Wait("promoting " + name + " would leave too few answering voters for quorum"));
            }
            return Optional.of(new Promote(m));
        }
        return Optional.empty();
    }

    private static Optional<MembershipStep> plannedSilentVoter(Map<DesiredMember, EtcdMember> planned, Health health) {
        return planned.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().learner() && !health.answers(e.getValue()))
                .findFirst()
                .map(e -> new Wait("planned member " + e.getKey().name()
                        + (e.getValue().started() ? " does not answer" : " has not started")));
    }

    private static Optional<MembershipStep> plannedJoin(Map<DesiredMember, EtcdMember> planned) {
        List<DesiredMember> missing = planned.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        return missing.stream().filter(DesiredMember::running).findFirst().<MembershipStep>map(AddLearner::new)
                .or(() -> missing.stream().findFirst().map(d -> new Wait("the microVM of planned replica " + d.name() + " does not run yet")));
    }

    private static MembershipStep removeIfQuorumKept(EtcdMember member, int voters, long answeringVoters, Health health,
                                                     String reason) {
        int votersLeft = voters - 1;
        long answeringLeft = answeringVoters - (health.answers(member) ? 1 : 0);
        if (votersLeft < 1) {
            return new Wait("etcd member " + member.label() + " is the last voting member and is never removed");
        }
        if (answeringLeft < majority(votersLeft)) {
            return new Wait("removing " + member.label() + " would leave " + answeringLeft + " answering of "
                    + votersLeft + " voters, short of quorum");
        }
        return new Remove(member, reason);
    }

    static int majority(int voters) {
        return voters / 2 + 1;
    }
}
