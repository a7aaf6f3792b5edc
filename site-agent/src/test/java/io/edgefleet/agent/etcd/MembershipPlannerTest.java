package io.edgefleet.agent.etcd;

import static io.edgefleet.agent.etcd.SimulatedMembers.desired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgefleet.agent.etcd.MembershipStep.AddLearner;
import io.edgefleet.agent.etcd.MembershipStep.Converged;
import io.edgefleet.agent.etcd.MembershipStep.Promote;
import io.edgefleet.agent.etcd.MembershipStep.Remove;
import io.edgefleet.agent.etcd.MembershipStep.Wait;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipPlannerTest {

    static MembershipStep next(SimulatedMembers etcd, List<DesiredMember> plan) {
        return MembershipPlanner.nextStep(etcd.members(), plan, etcd.health());
    }

    /**
     * Runs the planner against the simulated cluster until it converges, starting each added learner on the
     * run after it was added (as kubeadm would start its etcd), and checks after every step that a quorum
     * of voters answers. Returns the performed steps as short words.
     */
    static List<String> converge(SimulatedMembers etcd, List<DesiredMember> plan) {
        List<String> done = new ArrayList<>();
        for (int run = 0; run < 50; run++) {
            MembershipStep step = next(etcd, plan);
            if (step instanceof Converged) {
                return done;
            }
            if (step instanceof Wait w) {
                if (!w.reason().contains("has not started")) {
                    fail("stuck: " + w.reason());
                }
                etcd.members().stream().filter(m -> !m.started()).forEach(m -> etcd.start(m.peerUrls().get(0)));
                continue;
            }
            etcd.apply(step);
            done.add(word(step));
            assertTrue(etcd.answeringVoters() >= MembershipPlanner.majority((int) etcd.voterCount()),
                    "quorum lost after " + step.describe());
        }
        fail("no convergence in 50 runs: " + done);
        return done;
    }

    static String word(MembershipStep step) {
        if (step instanceof AddLearner a) {
            return "add " + a.member().name();
        }
        if (step instanceof Promote p) {
            return "promote " + p.member().name();
        }
        if (step instanceof Remove r) {
            return "remove " + r.member().name();
        }
        return step.describe();
    }

    @Test
    void threeAnsweringPlannedVotersAreConverged() {
        assertInstanceOf(Converged.class, next(new SimulatedMembers().voters("a", "b", "c"), desired("a", "b", "c")));
    }

    @Test
    void scalesOneToThreeToFiveAndBackToThreeOneSafeStepAtATime() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a");
        assertEquals(List.of("add b", "promote b", "add c", "promote c"), converge(etcd, desired("a", "b", "c")));
        assertEquals(List.of("add d", "promote d", "add e", "promote e"), converge(etcd, desired("a", "b", "c", "d", "e")));
        assertEquals(List.of("a", "b", "c", "d", "e"), etcd.voterNames());
        List<String> down = converge(etcd, desired("a", "b", "c"));
        assertEquals(2, down.size());
        assertTrue(down.containsAll(List.of("remove d", "remove e")), down.toString());
        assertEquals(List.of("a", "b", "c"), etcd.voterNames());
    }

    @Test
    void replacingALiveReplicaAddsAndPromotesTheSuccessorBeforeRemovingIt() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b", "c");
        assertEquals(List.of("add d", "promote d", "remove c"), converge(etcd, desired("a", "b", "d")));
        assertEquals(List.of("a", "b", "d"), etcd.voterNames());
    }

    @Test
    void theReplacedReplicaStaysWhileItsSuccessorsMicroVmDoesNotRun() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b", "c");
        List<DesiredMember> plan = List.of(SimulatedMembers.plannedMember("a"), SimulatedMembers.plannedMember("b"), DesiredMember.notYetRunning("d", SimulatedMembers.peerUrl("d")));
        Wait wait = assertInstanceOf(Wait.class, next(etcd, plan));
        assertTrue(wait.reason().contains("d does not run yet"), wait.reason());
    }

    @Test
    void aDeadReplacedMemberIsRemovedFirstBecauseEtcdRefusesAddsWhileAVoterIsDown() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b", "c").kill("c");
        Remove remove = assertInstanceOf(Remove.class, next(etcd, desired("a", "b", "d")));
        assertEquals("c", remove.member().name());
        etcd.apply(remove);
        assertEquals(List.of("add d", "promote d"), converge(etcd, desired("a", "b", "d")));
        assertEquals(List.of("a", "b", "d"), etcd.voterNames());
    }

    @Test
    void aPlannedMemberThatDoesNotAnswerIsWaitedForNotRemovedNorWorkedAround() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b", "c").kill("c");
        Wait wait = assertInstanceOf(Wait.class, next(etcd, desired("a", "b", "c", "d", "e")));
        assertTrue(wait.reason().contains("planned member c does not answer"), wait.reason());
    }

    @Test
    void aLearnerLeftBehindIsRemovedWhetherOrNotItStarted() {
        SimulatedMembers unstarted = new SimulatedMembers().voters("a", "b", "c").learner("x", false);
        Remove r1 = assertInstanceOf(Remove.class, next(unstarted, desired("a", "b", "c")));
        assertTrue(r1.member().learner());
        SimulatedMembers started = new SimulatedMembers().voters("a", "b", "c").learner("x", true);
        assertEquals("x", assertInstanceOf(Remove.class, next(started, desired("a", "b", "c"))).member().name());
    }

    @Test
    void aStrayLearnerGoesBeforeThePlannedReplicaIsAdded() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b").learner("x", false);
        assertInstanceOf(Remove.class, next(etcd, desired("a", "b", "c")));
    }

    @Test
    void aPlannedLearnerIsFoundByItsPeerUrlBeforeItStartsAndPromotedOnceItAnswers() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b").learner("c", false);
        Wait wait = assertInstanceOf(Wait.class, next(etcd, desired("a", "b", "c")));
        assertTrue(wait.reason().contains("learner c was added"), wait.reason());
        etcd.start(SimulatedMembers.peerUrl("c"));
        assertEquals("c", assertInstanceOf(Promote.class, next(etcd, desired("a", "b", "c"))).member().name());
    }

    @Test
    void withoutQuorumNothingChangesNotEvenADeadUnplannedMember() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a", "b", "c").kill("b").kill("c");
        Wait wait = assertInstanceOf(Wait.class, next(etcd, desired("a", "d", "e")));
        assertTrue(wait.reason().contains("lost quorum: 1 of 3"), wait.reason());
    }

    @Test
    void theLastMemberIsNeverRemoved() {
        SimulatedMembers etcd = new SimulatedMembers().voters("a");
        List<DesiredMember> successorNotRunning = List.of(DesiredMember.notYetRunning("b", SimulatedMembers.peerUrl("b")));
        assertInstanceOf(Wait.class, next(etcd, successorNotRunning));
        assertEquals(List.of("add b", "promote b", "remove a"), converge(etcd, desired("b")));
    }

    @Test
    void scalingDownRemovesFollowersBeforeTheLeader() {
        SimulatedMembers etcd = new SimulatedMembers().voters("d", "a", "b", "c", "e"); // d is the simulated leader
        assertEquals("d", etcd.members().stream().filter(etcd.health()::isLeader).findFirst().orElseThrow().name());
        assertEquals("e", assertInstanceOf(Remove.class, next(etcd, desired("a", "b", "c"))).member().name());
    }

    @Test
    void nothingPlannedOrNothingListedMeansWait() {
        assertInstanceOf(Wait.class, next(new SimulatedMembers().voters("a"), List.of()));
        assertInstanceOf(Wait.class, MembershipPlanner.nextStep(List.of(), desired("a"), new Health(java.util.Set.of(), null)));
    }

    /**
     * Every membership of up to five members a real etcd can be in (each member absent, an unstarted or a
     * started learner, an answering or a silent voter; at most one learner; at least one voter) against
     * every plan of up to five replicas: whatever the planner chooses is safe and is one etcd would accept.
     */
    @Test
    void everyStepOnEveryReachableStateIsSafe() {
        String[] pool = {"a", "b", "c", "d", "e"};
        int states = (int) Math.pow(5, pool.length);
        int checked = 0;
        for (int code = 0; code < states; code++) {
            SimulatedMembers etcd = state(pool, code);
            if (etcd == null) {
                continue;
            }
            for (int mask = 1; mask < (1 << pool.length); mask++) {
                List<DesiredMember> plan = new ArrayList<>();
                for (int i = 0; i < pool.length; i++) {
                    if ((mask & (1 << i)) != 0) {
                        plan.add(SimulatedMembers.plannedMember(pool[i]));
                    }
                }
                assertSafe(etcd, plan);
                checked++;
            }
        }
        assertTrue(checked > 10_000, "checked " + checked);
    }

    /** Member i's state is digit i of {@code code} in base 5; null when etcd could not be in that state. */
    private static SimulatedMembers state(String[] pool, int code) {
        SimulatedMembers etcd = new SimulatedMembers();
        int learners = 0;
        int voters = 0;
        for (int i = 0; i < pool.length; i++) {
            int s = code % 5;
            code /= 5;
            switch (s) {
                case 1 -> { etcd.learner(pool[i], false); learners++; }
                case 2 -> { etcd.learner(pool[i], true); learners++; }
                case 3 -> { etcd.voters(pool[i]); voters++; }
                case 4 -> { etcd.voters(pool[i]).kill(pool[i]); voters++; }
                default -> { }
            }
        }
        return learners <= 1 && voters >= 1 ? etcd : null;
    }

    private static void assertSafe(SimulatedMembers etcd, List<DesiredMember> plan) {
        List<EtcdMember> actual = etcd.members();
        Health health = etcd.health();
        MembershipStep step = MembershipPlanner.nextStep(actual, plan, health);
        var planned = MembershipPlanner.match(actual, plan);
        List<EtcdMember> voters = actual.stream().filter(m -> !m.learner()).toList();
        long answering = voters.stream().filter(health::answers).count();
        String context = step.describe() + " on " + actual + " for " + plan;
        if (answering < MembershipPlanner.majority(voters.size())) {
            assertInstanceOf(Wait.class, step, context);
            return;
        }
        if (step instanceof Remove r) {
            assertFalse(planned.containsValue(r.member()), "removed a planned member: " + context);
            if (!r.member().learner()) {
                int left = voters.size() - 1;
                long answeringLeft = answering - (health.answers(r.member()) ? 1 : 0);
                assertTrue(left >= 1 && answeringLeft >= MembershipPlanner.majority(left), "quorum broken: " + context);
                boolean allPlannedAnswer = planned.values().stream().allMatch(m -> m != null && !m.learner() && health.answers(m));
                assertTrue(!health.answers(r.member()) || allPlannedAnswer, "removed a live replica before its successor joined: " + context);
            }
        } else if (step instanceof AddLearner a) {
            assertTrue(actual.stream().noneMatch(EtcdMember::learner), "a second learner: " + context);
            assertTrue(voters.stream().allMatch(health::answers), "add while a voter is down (etcd refuses): " + context);
            assertEquals(null, planned.get(a.member()), context);
        } else if (step instanceof Promote p) {
            assertTrue(p.member().learner() && health.answers(p.member()) && planned.containsValue(p.member()), context);
        } else if (step instanceof Converged) {
            assertEquals(plan.size(), actual.size(), context);
            assertTrue(actual.stream().allMatch(m -> !m.learner() && health.answers(m) && planned.containsValue(m)), context);
        }
    }
}
