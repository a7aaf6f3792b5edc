package io.edgefleet.agent.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgefleet.agent.etcd.MembershipOutcome.Kind;
import io.edgefleet.agent.etcd.MembershipStep.AddLearner;
import io.edgefleet.agent.etcd.MembershipStep.Promote;
import io.edgefleet.agent.etcd.MembershipStep.Remove;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The membership protocol against a REAL etcd cluster (Debian's etcd 3.4): one cluster of three members
 * goes through a scale-up to five, a scale-down to three, the replacement of a member whose process was
 * killed, a learner left behind by an interrupted join, and a make-before-break move with the agent
 * "crashing" between steps. Every run is a new {@link EtcdMembership} on a new client (nothing carried
 * over, as after an agent restart), and after every step a write must succeed: quorum is never lost.
 * The scenarios share the cluster, in order, because every etcd start costs seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdMembershipIT {
    static final Duration SCENARIO = Duration.ofSeconds(40);

    static EtcdLab lab;
    static int writes;

    @BeforeAll
    static void startThreeMembers() throws Exception {
        lab = new EtcdLab(Path.of("target/etcd-it/membership"), 0, 8);
        lab.startCluster("cp-a", "cp-b", "cp-c");
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void threePlannedMembersAreConverged() throws Exception {
        assertEquals(List.of(), converge(List.of("cp-a", "cp-b", "cp-c")));
        assertWriteSucceeds("three members");
    }

    @Test
    @Order(2)
    void scalesThreeToFiveThroughLearners() throws Exception {
        List<String> steps = converge(List.of("cp-a", "cp-b", "cp-c", "cp-d", "cp-e"));
        assertEquals(List.of("add cp-d", "promote cp-d", "add cp-e", "promote cp-e"), steps);
        assertEquals(List.of("cp-a", "cp-b", "cp-c", "cp-d", "cp-e"), voters());
    }

    @Test
    @Order(3)
    void scalesFiveToThreeOneRemovalPerRun() throws Exception {
        List<String> steps = converge(List.of("cp-a", "cp-b", "cp-c"));
        assertEquals(2, steps.size(), steps.toString());
        assertTrue(steps.containsAll(List.of("remove cp-d", "remove cp-e")), steps.toString());
        assertEquals(List.of("cp-a", "cp-b", "cp-c"), voters());
        lab.awaitExit("cp-d", Duration.ofSeconds(10));
        lab.awaitExit("cp-e", Duration.ofSeconds(10));
    }

    @Test
    @Order(4)
    void replacesAMemberWhoseProcessWasKilled() throws Exception {
        String dead = lab.leaderName(); // the hardest one to lose: an election follows
        lab.kill(dead);
        assertWriteSucceeds("two of three left after killing " + dead);
        List<String> plan = new ArrayList<>(Stream.of("cp-a", "cp-b", "cp-c").filter(n -> !n.equals(dead)).toList());
        plan.add("cp-f");

        List<String> steps = converge(plan);

        // etcd refuses any add while a voter is down, so the dead member goes first.
        assertEquals(List.of("remove " + dead, "add cp-f", "promote cp-f"), steps);
        assertEquals(plan.stream().sorted().toList(), voters());
        assertFalse(voters().contains(dead));
    }

    @Test
    @Order(5)
    void aLearnerLeftBehindByAnInterruptedJoinIsRemoved() throws Exception {
        List<String> plan = voters();
        addUntilAccepted(lab.peerUrl("cp-x")); // a join that added its member, then died before starting etcd
        assertTrue(lab.client().memberList().stream().anyMatch(m -> m.learner() && m.hasPeerUrl(lab.peerUrl("cp-x"))));

        assertEquals(List.of("remove " + lab.peerUrl("cp-x")), converge(plan));
        assertEquals(plan, voters());
    }

    /**
     * A live replica moves (make-before-break) and the agent restarts between every step: the added learner
     * is found again by its peer URL before its etcd starts, promoted once it runs, and only then is the
     * moved replica removed.
     */
    @Test
    @Order(6)
    void aMoveResumesAfterAnAgentCrashBetweenEverySingleStep() throws Exception {
        List<String> before = voters();
        String moved = before.stream().filter(n -> !n.equals(leaderNameQuietly())).findFirst().orElseThrow();
        List<String> plan = new ArrayList<>(before.stream().filter(n -> !n.equals(moved)).toList());
        plan.add("cp-g");

        MembershipOutcome added = runUntil(plan, Kind.DONE);
        assertInstanceOf(AddLearner.class, added.step(), added.describe());
        assertWriteSucceeds(added.describe());

        MembershipOutcome waiting = freshAgent().reconcile(lab.desired(plan)); // restarted agent, etcd of cp-g not up yet
        assertEquals(Kind.WAITING, waiting.kind(), waiting.describe());
        assertTrue(waiting.describe().contains("learner cp-g was added and its etcd has not started yet"), waiting.describe());
        assertTrue(voters().contains(moved), "the moved replica stays until its successor votes");

        lab.startJoining("cp-g", lab.client().memberList());
        MembershipOutcome promoted = runUntil(plan, Kind.DONE);
        assertInstanceOf(Promote.class, promoted.step(), promoted.describe());
        assertWriteSucceeds(promoted.describe());

        MembershipOutcome removed = runUntil(plan, Kind.DONE);
        Remove remove = assertInstanceOf(Remove.class, removed.step(), removed.describe());
        assertEquals(moved, remove.member().name());
        assertWriteSucceeds(removed.describe());

        assertEquals(Kind.CONVERGED, freshAgent().reconcile(lab.desired(plan)).kind());
        assertEquals(plan.stream().sorted().toList(), voters());
    }

    /** A new agent: a new client on the running members, a new membership object, nothing remembered. */
    static EtcdMembership freshAgent() {
        return new EtcdMembership(lab.client());
    }

    /**
     * Reconciles with a fresh agent each run until etcd has the planned members, starting each added
     * learner's etcd (as kubeadm join would) and checking a write after every step. Returns the steps done.
     */
    static List<String> converge(List<String> plan) throws Exception {
        List<String> done = new ArrayList<>();
        Instant deadline = Instant.now().plus(SCENARIO);
        MembershipOutcome outcome = null;
        while (Instant.now().isBefore(deadline)) {
            outcome = freshAgent().reconcile(lab.desired(plan));
            System.out.println("[etcd-it] " + outcome.describe());
            if (outcome.kind() == Kind.CONVERGED) {
                return done;
            }
            if (outcome.kind() != Kind.DONE) {
                Thread.sleep(250); // waiting on etcd (a learner catching up, a member connected < 5 s) or an election
                continue;
            }
            done.add(word(outcome.step()));
            if (outcome.step() instanceof AddLearner add) {
                lab.startJoining(add.member().name(), lab.client().memberList());
            }
            assertWriteSucceeds(outcome.describe());
        }
        fail("not converged within " + SCENARIO.toSeconds() + " s; done " + done + "; last: " + (outcome == null ? "none" : outcome.describe()));
        return done;
    }

    /** Reconciles with a fresh agent each run until one run ends in {@code kind}, without starting anything. */
    static MembershipOutcome runUntil(List<String> plan, Kind kind) throws InterruptedException {
        Instant deadline = Instant.now().plus(SCENARIO);
        MembershipOutcome outcome = null;
        while (Instant.now().isBefore(deadline)) {
            outcome = freshAgent().reconcile(lab.desired(plan));
            System.out.println("[etcd-it] " + outcome.describe());
            if (outcome.kind() == kind) {
                return outcome;
            }
            Thread.sleep(250);
        }
        fail("no " + kind + " within " + SCENARIO.toSeconds() + " s; last: " + (outcome == null ? "none" : outcome.describe()));
        return outcome;
    }

    static String word(MembershipStep step) {
        if (step instanceof AddLearner a) {
            return "add " + a.member().name();
        }
        if (step instanceof Promote p) {
            return "promote " + p.member().name();
        }
        Remove r = (Remove) step;
        return "remove " + (r.member().started() ? r.member().name() : r.member().peerUrls().get(0));
    }

    /**
     * Quorum held: a write is accepted and read back. During a leader election (after the leader is removed
     * or killed, about a second here) etcd drops proposals and the request hangs until the client's 5 s
     * timeout; so a write is retried for up to 15 s, which a lost quorum would never pass.
     */
    static void assertWriteSucceeds(String after) throws InterruptedException {
        String key = "quorum/" + (++writes);
        Instant deadline = Instant.now().plusSeconds(15);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                EtcdClient client = lab.client();
                client.put(key, after);
                assertEquals(after, client.get(key).orElse(null));
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        fail("no write accepted after: " + after + " (" + (last == null ? "" : last.getMessage()) + ")");
    }

    static void addUntilAccepted(String peerUrl) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            try {
                lab.client().addMember(peerUrl, true);
                return;
            } catch (EtcdException e) {
                // "unhealthy cluster" until every voter has been connected for 5 s (etcd's strict check)
                if (!e.transientRefusal() || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    static List<String> voters() throws IOException {
        return lab.client().memberList().stream().filter(m -> !m.learner()).map(EtcdMember::name).sorted().toList();
    }

    static String leaderNameQuietly() {
        try {
            return lab.leaderName();
        } catch (IOException e) {
            return "";
        }
    }
}
