package io.edgefleet.agent.etcd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster's membership as etcd would change it, to run the planner's steps against in unit tests:
 * members added as learners appear unstarted (no name, no client URL) until {@link #start} publishes them,
 * promote and remove act like etcd's, and a killed member stops answering. Member IDs count up.
 */
final class SimulatedMembers {
    private final List<EtcdMember> members = new ArrayList<>();
    private final Set<String> down = new HashSet<>();
    private long nextId = 1000;

    static String peerUrl(String name) {
        return "https://10.0.0." + (Math.abs(name.hashCode()) % 200 + 10) + ":2380";
    }

    static DesiredMember plannedMember(String name) {
        return new DesiredMember(name, peerUrl(name));
    }

    static List<DesiredMember> desired(String... names) {
        return java.util.Arrays.stream(names).map(SimulatedMembers::plannedMember).toList();
    }

    SimulatedMembers voters(String... names) {
        for (String n : names) {
            members.add(new EtcdMember(Long.toString(nextId++), n, List.of(peerUrl(n)), List.of(clientUrl(n)), false));
        }
        return this;
    }

    SimulatedMembers learner(String name, boolean started) {
        members.add(new EtcdMember(Long.toString(nextId++), started ? name : "", List.of(peerUrl(name)),
                started ? List.of(clientUrl(name)) : List.of(), true));
        return this;
    }

    SimulatedMembers kill(String name) {
        down.add(byName(name).id());
        return this;
    }

    SimulatedMembers start(String peerUrl) {
        for (int i = 0; i < members.size(); i++) {
            EtcdMember m = members.get(i);
            if (!m.started() && m.hasPeerUrl(peerUrl)) {
                String name = nameOf(peerUrl);
                members.set(i, new EtcdMember(m.id(), name, m.peerUrls(), List.of(clientUrl(name)), m.learner()));
            }
        }
        return this;
    }

    List<EtcdMember> members() {
        return List.copyOf(members);
    }

    /** Started members that are not down answer; the first answering voter is the leader. */
    Health health() {
        Set<String> answering = new HashSet<>();
        String leader = null;
        for (EtcdMember m : members) {
            if (m.started() && !down.contains(m.id())) {
                answering.add(m.id());
                if (leader == null && !m.learner()) {
                    leader = m.id();
                }
            }
        }
        return new Health(answering, leader);
    }

    EtcdMember byName(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Applies a step as etcd would; Wait and Converged change nothing. */
    void apply(MembershipStep step) {
        if (step instanceof MembershipStep.AddLearner add) {
            members.add(new EtcdMember(Long.toString(nextId++), "", List.of(add.member().peerUrl()), List.of(), true));
        } else if (step instanceof MembershipStep.Promote p) {
            EtcdMember m = p.member();
            members.set(members.indexOf(m), new EtcdMember(m.id(), m.name(), m.peerUrls(), m.clientUrls(), false));
        } else if (step instanceof MembershipStep.Remove r) {
            members.remove(r.member());
        }
    }

    long answeringVoters() {
        Health h = health();
        return members.stream().filter(m -> !m.learner() && h.answers(m)).count();
    }

    long voterCount() {
        return members.stream().filter(m -> !m.learner()).count();
    }

    List<String> voterNames() {
        return members.stream().filter(m -> !m.learner()).map(EtcdMember::name).sorted().toList();
    }

    private static String clientUrl(String name) {
        return peerUrl(name).replace(":2380", ":2379");
    }

    private String nameOf(String peerUrl) {
        for (String candidate : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            if (peerUrl(candidate).equals(peerUrl)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no simulated name for " + peerUrl);
    }
}
