package io.edgefleet.bench.pipeline;

import io.edgefleet.placement.fleettest.EventLog;
import io.edgefleet.placement.fleettest.FleetInvariants;
import io.edgefleet.placement.fleettest.LoadMix;
import io.edgefleet.placement.fleettest.LoadProducer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Crash runs against two placement replicas (one consumer group) on a real broker and PostgreSQL:
 * {@code runs} runs of {@code requests} contended cluster requests each ({@link LoadMix}:
 * duplicates, competing requests, deletions, bare-metal workers) while a random replica is
 * SIGKILLed at random moments and started again; then one run during which the broker is
 * SIGKILLed and restarted, and one during which PostgreSQL stops immediately (crash recovery on
 * restart) and starts again. After each run it waits until every request is answered and every
 * plan published, and checks every invariant ({@link FleetInvariants}).
 *
 * <p>Arguments: {@code [runs] [requests] [sites] [rate/s]} (defaults 5 10000 20 500). Each run
 * has sites and clusters of its own (prefixed), on the same stack.
 */
public final class ChaosMain {
    private static final Duration GIVE_UP = Duration.ofSeconds(300);

    private ChaosMain() {
    }

    enum Fault { KILL_PLACEMENT, RESTART_BROKER, RESTART_POSTGRES }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int sites = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        java.nio.file.Path repo = java.nio.file.Path.of(System.getProperty("edgefleet.repo", ".")).toAbsolutePath()
                .normalize();
        BenchStack stack0 = new BenchStack(repo, BenchStack.freshDir(repo, "chaos"));
        Runtime.getRuntime().addShutdownHook(new Thread(stack0::close, "chaos-stack-stop"));
        List<Fault> plan = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plan.add(Fault.KILL_PLACEMENT);
        }
        plan.add(Fault.RESTART_BROKER);
        plan.add(Fault.RESTART_POSTGRES);
        Random random = new Random(Long.getLong("edgefleet.chaos.seed", 7));
        long totalRequests = 0;
        int[] sums = new int[6];
        try (BenchStack stack = stack0) {
            stack.start(List.of());
            stack.startPlacement(0);
            stack.startPlacement(1);
            System.out.printf("stack up: kafka %s, postgresql :%d, placement x2 (%s); load average %s%n",
                    stack.bootstrap(), stack.postgres.port(), stack.dir, CpuMeter.loadAverage());
            for (int run = 0; run < plan.size(); run++) {
                Fault fault = plan.get(run);
                FleetInvariants.Report r = run(stack, fault, run, requests, sites, rate, random);
                totalRequests += r.requests();
                sums[0] += r.withoutOutcome();
                sums[1] += r.duplicateOutcomes();
                sums[2] += r.overCapacity();
                sums[3] += r.lostPlans();
                sums[4] += r.duplicateAllocations();
                sums[5] += r.antiAffinity();
            }
        }
        System.out.printf("duplicate_allocations=%d anti_affinity=%d load_average=%s%n", sums[4], sums[5],
                CpuMeter.loadAverage());
        System.out.printf("runs=%d requests=%d without_outcome=%d duplicate_outcomes=%d over_capacity=%d lost_plans=%d%n",
                plan.size(), totalRequests, sums[0], sums[1], sums[2], sums[3]);
        boolean clean = sums[0] + sums[1] + sums[2] + sums[3] + sums[4] + sums[5] == 0;
        System.exit(clean ? 0 : 1);
    }

    private static FleetInvariants.Report run(BenchStack stack, Fault fault, int run, int requests, int sites, int rate,
                                              Random random) throws Exception {
        String prefix = "r" + run + "-";
        LoadMix mix = new LoadMix(sites, prefix, "/chaos", 1000L + run);
        double sendSeconds = (double) requests / rate;
        // When the faults strike, in seconds from the first request: kills at random moments while
        // requests are sent and decided; a broker or database restart halfway through the sending.
        TreeMap<Double, Integer> faults = new TreeMap<>();
        if (fault == Fault.KILL_PLACEMENT) {
            int kills = 2 + random.nextInt(3);
            for (int k = 0; k < kills; k++) {
                faults.put(random.nextDouble() * (sendSeconds + 3), random.nextInt(2));
            }
        } else {
            faults.put(sendSeconds / 2, -1);
        }
        List<String> done = new ArrayList<>();
        long t0;
        try (LoadProducer producer = new LoadProducer(stack.bootstrap());
             EventLog log = new EventLog(stack.bootstrap())) {
            for (int i = 0; i < sites; i++) {
                producer.send("/chaos", mix.siteHeartbeat(i));
            }
            producer.flush();
            try (Connection db = stack.db()) {
                awaitSites(db, prefix, sites);
            }
            t0 = System.nanoTime();
            int sent = 0;
            while (sent < requests || !faults.isEmpty()) {
                double now = (System.nanoTime() - t0) / 1e9;
                while (!faults.isEmpty() && faults.firstKey() <= now) {
                    int replica = faults.pollFirstEntry().getValue();
                    done.add(strike(stack, fault, replica, now));
                }
                long due = Math.min(requests, (long) (now * rate));
                while (sent < due) {
                    producer.send(mix.next());
                    sent++;
                }
                Thread.sleep(2);
            }
            producer.flush();
            if (producer.failed() > 0) {
                System.out.println("warning: " + producer.failed() + " requests never acknowledged: "
                        + producer.lastFailure());
            }
            ensureReplicasRunning(stack);
            boolean answered = log.awaitOutcomes(mix.requestIds(), GIVE_UP);
            FleetInvariants.Report report;
            boolean published;
            // A connection of its own, opened after the faults (a PostgreSQL restart ends earlier ones).
            try (Connection db = stack.db()) {
                awaitOutboxEmpty(db);
                published = log.awaitPlans(FleetInvariants.planVersions(db), GIVE_UP);
                report = FleetInvariants.check(db, mix.requestIds(), log);
            }
            System.out.printf("run %d (%s: %s): %d published, %d distinct, %.0f s%s%s; %s%n", run + 1,
                    fault.name().toLowerCase(), String.join(", ", done), mix.published(), mix.requestIds().size(),
                    (System.nanoTime() - t0) / 1e9, answered ? "" : ", NOT all answered",
                    published ? "" : ", plans NOT all published", report);
            return report;
        }
    }

    /** Applies one fault; returns what was done, for the run's line. */
    private static String strike(BenchStack stack, Fault fault, int replica, double at) throws Exception {
        switch (fault) {
            case KILL_PLACEMENT -> {
                stack.killPlacement(replica);
                startInBackground(stack, replica);
                return String.format("SIGKILL placement-%d at %.1f s", replica, at);
            }
            case RESTART_BROKER -> {
                stack.stopBroker(true);
                Thread.sleep(3000);
                stack.startBroker();
                return String.format("broker SIGKILLed at %.1f s, restarted", at);
            }
            case RESTART_POSTGRES -> {
                long pid = stack.postgres.pid();
                // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, crash recovery at the next start.
                new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                Thread.sleep(3000);
                stack.postgres.start();
                return String.format("PostgreSQL stopped immediately at %.1f s, restarted", at);
            }
            default -> throw new IllegalStateException(fault.name());
        }
    }

    /** A killed replica starts again at once; the run does not wait for it to be ready. */
    private static void startInBackground(BenchStack stack, int replica) {
        Thread t = new Thread(() -> {
            try {
                stack.startPlacement(replica);
            } catch (RuntimeException e) {
                System.out.println("restarting placement-" + replica + " failed: " + e.getMessage());
            }
        }, "restart-placement-" + replica);
        t.setDaemon(true);
        t.start();
        stack.restarts.add(t);
    }

    private static void ensureReplicasRunning(BenchStack stack) throws InterruptedException {
        for (Thread t : stack.restarts) {
            t.join();
        }
        stack.restarts.clear();
    }

    private static void awaitSites(Connection db, String prefix, int sites) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = db.createStatement().executeQuery(
                    "select count(*) from site where site_id like '" + prefix + "%'")) {
                rs.next();
                if (rs.getInt(1) >= sites) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("placement did not learn the sites of " + prefix);
    }

    private static void awaitOutboxEmpty(Connection db) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (FleetInvariants.unsentOutbox(db) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
