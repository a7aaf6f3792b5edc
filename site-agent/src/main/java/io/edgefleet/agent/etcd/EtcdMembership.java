package io.edgefleet.agent.etcd;

import io.edgefleet.agent.etcd.MembershipOutcome.Kind;
import io.edgefleet.agent.etcd.MembershipStep.AddLearner;
import io.edgefleet.agent.etcd.MembershipStep.Converged;
import io.edgefleet.agent.etcd.MembershipStep.Promote;
import io.edgefleet.agent.etcd.MembershipStep.Remove;
import io.edgefleet.agent.etcd.MembershipStep.Wait;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a cluster's etcd membership one step closer to its planned control-plane replicas: reads the
 * members back from etcd, measures which answer, lets {@link MembershipPlanner} choose one step, performs it
 * and says what it did or waits on. Holds no state between runs: everything is read from etcd each time,
 * so an agent that restarts between two steps resumes where etcd is.
 */
public final class EtcdMembership {
    private final EtcdClient client;

    public EtcdMembership(EtcdClient client) {
        this.client = client;
    }

    public MembershipOutcome reconcile(List<DesiredMember> desired) {
        List<EtcdMember> actual;
        try {
            actual = client.memberList();
        } catch (IOException e) {
            return new MembershipOutcome(Kind.FAILED, null, e.getMessage());
        }
        MembershipStep step = MembershipPlanner.nextStep(actual, desired, measure(actual));
        return perform(step);
    }

    /**
     * Asks every started member for its status on its own client URL. A member counts as answering only if
     * the answer comes from that member (a reused address could be another etcd) and reports no error.
     */
    Health measure(List<EtcdMember> actual) {
        Set<String> answering = new HashSet<>();
        String leader = null;
        for (EtcdMember m : actual) {
            if (m.clientUrls().isEmpty()) {
                continue;
            }
            try {
                EtcdStatus status = client.status(URI.create(m.clientUrls().get(0)));
                if (status.memberId().equals(m.id()) && status.healthy()) {
                    answering.add(m.id());
                    leader = leader == null ? status.leaderId() : leader;
                }
            } catch (IOException e) {
                // does not answer: that is what the planner needs to know
            }
        }
        return new Health(answering, leader);
    }

    private MembershipOutcome perform(MembershipStep step) {
        if (step instanceof Wait) {
            return new MembershipOutcome(Kind.WAITING, step, "");
        }
        if (step instanceof Converged) {
            return new MembershipOutcome(Kind.CONVERGED, step, "");
        }
        try {
            if (step instanceof AddLearner add) {
                client.addMember(add.member().peerUrl(), true);
            } else if (step instanceof Promote promote) {
                client.promote(promote.member().id());
            } else if (step instanceof Remove remove) {
                client.remove(remove.member());
            }
            return new MembershipOutcome(Kind.DONE, step, "");
        } catch (EtcdException e) {
            // "learner not in sync", "unhealthy cluster" right after a member started: the next run retries.
            return new MembershipOutcome(e.transientRefusal() ? Kind.WAITING : Kind.FAILED, step, e.getMessage());
        } catch (IOException e) {
            return new MembershipOutcome(Kind.FAILED, step, e.getMessage());
        }
    }
}
