package io.edgefleet.bench.fleetscale;

import io.edgefleet.localstack.LocalStack;
import io.edgefleet.localstack.PostgresServer;
import io.edgefleet.localstack.ProcMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * bench/fleet-scale: for each fleet size, a fresh broker and PostgreSQL (deploy/local-stack), the
 * placement service as its own process, N simulated site agents of 16 hosts each in this JVM, and
 * a steady request mix at the same total rate for every size. Measures placement's CPU seconds
 * per request (/proc/PID/stat) over a fixed window, its memory, the request rate and request ->
 * READY. Last line: {@code cost_ratio_<largest>_vs_<smallest>=<n>}.
 */
public final class FleetScaleMain {

    record Options(List<Integer> sites, double rate, int windowSeconds, int warmupSeconds, int heartbeatSeconds,
                   int heartbeatFullEvery, int prefill, int hostFailureEverySeconds, List<String> placementJvm) {
    }

    record Result(int sites, double requestsPerS, long p99ReadyMs, long p50ReadyMs, int readySamples,
                  long p99OutcomeMs, double placementCpuPerRequestMs, double placementCores, double rssMib,
                  double heapMib, double postgresCpuPerRequestMs, double brokerCpuPerRequestMs,
                  double commitsPerRequest, double rowsWrittenPerRequest, double walKibPerRequest,
                  double heartbeatsPerS, double reportsPerS, long rejected, String rejectedBy, long requests,
                  long unansweredReady, double hostsMarkedDown, double batchRetries, double livenessOnlyPerS,
                  double withInventoryPerS, double staleInventoryPerS, double reportClockLagS) {
    }

    private FleetScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Path repo = Path.of(System.getProperty("edgefleet.repo", ".")).toAbsolutePath().normalize();
        Path base = repo.resolve("bench/fleet-scale/target/run-" + ProcessHandle.current().pid());
        System.out.printf(Locale.ROOT, "fleet-scale: sites %s x %d hosts, %.0f requests/s, warm-up %d s, window %d s,"
                        + " heartbeat every %d s (the inventory at least every %d), %d clusters per site before the window,"
                        + " a host failure every %d s%n",
                o.sites(), SiteHosts.HOSTS_PER_SITE, o.rate(), o.warmupSeconds(), o.windowSeconds(), o.heartbeatSeconds(),
                o.heartbeatFullEvery(),
                o.prefill(), o.hostFailureEverySeconds());
        System.out.println("placement JVM: " + String.join(" ", o.placementJvm()) + "; machine: "
                + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage());
        List<Result> results = new ArrayList<>();
        for (int n : o.sites()) {
            Result r = runSize(repo, base.resolve("sites-" + n), n, o);
            results.add(r);
            System.out.printf(Locale.ROOT, "sites=%d requests_per_s=%.1f p99_request_to_ready_ms=%d"
                            + " placement_cpu_s_per_request=%.6f placement_rss_mib=%.0f placement_heap_used_mib=%.0f%n",
                    r.sites(), r.requestsPerS(), r.p99ReadyMs(), r.placementCpuPerRequestMs() / 1000,
                    r.rssMib(), r.heapMib());
            System.out.printf(Locale.ROOT, "  detail: requests=%d rejected=%d %s p50_ready_ms=%d ready_samples=%d"
                            + " not_ready_at_end=%d p99_request_to_outcome_ms=%d placement_cores=%.2f"
                            + " postgres_cpu_ms_per_request=%.2f broker_cpu_ms_per_request=%.2f"
                            + " pg_commits_per_request=%.2f pg_rows_written_per_request=%.1f pg_wal_kib_per_request=%.1f"
                            + " heartbeats_per_s=%.0f agent_reports_per_s=%.0f hosts_marked_down_by_silence=%.0f"
                            + " batch_retries=%.0f heartbeats_liveness_only_per_s=%.1f heartbeats_with_inventory_per_s=%.1f"
                            + " heartbeats_stale_inventory_per_s=%.1f report_clock_lag_s=%.1f load_average=%s%n",
                    r.requests(), r.rejected(), r.rejectedBy(), r.p50ReadyMs(), r.readySamples(), r.unansweredReady(),
                    r.p99OutcomeMs(), r.placementCores(), r.postgresCpuPerRequestMs(), r.brokerCpuPerRequestMs(),
                    r.commitsPerRequest(), r.rowsWrittenPerRequest(), r.walKibPerRequest(), r.heartbeatsPerS(),
                    r.reportsPerS(), r.hostsMarkedDown(), r.batchRetries(), r.livenessOnlyPerS(), r.withInventoryPerS(),
                    r.staleInventoryPerS(), r.reportClockLagS(), loadAverage());
        }
        System.out.println();
        System.out.println("| sites | hosts | requests/s | p99 request→READY ms | placement CPU ms/request | placement cores"
                + " | placement RSS MiB | heap used MiB | PostgreSQL CPU ms/request | broker CPU ms/request | heartbeats/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %d | %.3f | %.2f | %.0f | %.0f | %.3f | %.3f | %.0f |%n",
                    r.sites(), r.sites() * SiteHosts.HOSTS_PER_SITE, r.requestsPerS(), r.p99ReadyMs(),
                    r.placementCpuPerRequestMs(), r.placementCores(), r.rssMib(), r.heapMib(),
                    r.postgresCpuPerRequestMs(), r.brokerCpuPerRequestMs(), r.heartbeatsPerS());
        }
        Result first = results.get(0);
        Result last = results.get(results.size() - 1);
        System.out.printf(Locale.ROOT, "cost_ratio_%d_vs_%d=%.2f%n", last.sites(), first.sites(),
                last.placementCpuPerRequestMs() / first.placementCpuPerRequestMs());
    }

    private static Result runSize(Path repo, Path dir, int n, Options o) throws Exception {
        Files.createDirectories(dir);
        System.out.printf("-- %d sites: starting Kafka, PostgreSQL and placement in %s%n", n, dir);
        try (LocalStack stack = LocalStack.onFreePorts(dir).start(false);
             PlacementProcess placement = PlacementProcess.start(repo, dir, stack, o.placementJvm());
             StopOnExit stopOnExit = StopOnExit.of(placement, stack)) {
            int planPartitions = partitions(stack.bootstrapServers());
            try (AgentFleet fleet = new AgentFleet(stack.bootstrapServers(), n, planPartitions,
                    Duration.ofSeconds(o.heartbeatSeconds()), o.heartbeatFullEvery(), 2)) {
                fleet.writePublicKeys(dir.resolve("site-keys"));
                fleet.enroll();
                fleet.start();
                awaitSites(stack, n);
                LoadGenerator[] load = new LoadGenerator[1];
                StatusWatcher watcher = new StatusWatcher(stack.bootstrapServers(),
                        (subject, status) -> {
                            if (load[0] != null) {
                                load[0].status(subject, status);
                            }
                        });
                load[0] = new LoadGenerator(stack.bootstrapServers(), watcher,
                        fleet.agents().stream().map(a -> a.siteId).toList(), Math.max(1, o.prefill() - 2),
                        o.prefill() + 2, 42);
                watcher.start();
                try {
                    return measure(stack, placement, fleet, watcher, load[0], n, o);
                } finally {
                    load[0].close();
                    watcher.close();
                }
            }
        }
    }

    private static Result measure(LocalStack stack, PlacementProcess placement, AgentFleet fleet, StatusWatcher watcher,
                                  LoadGenerator load, int n, Options o) throws Exception {
        long t0 = System.nanoTime();
        load.prefill(o.prefill(), Math.max(o.rate(), 100));
        long target = (long) n * o.prefill();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (watcher.readyCount.get() < target * 0.98 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "   prefill: %d of %d clusters READY after %.0f s%n", watcher.readyCount.get(),
                target, (System.nanoTime() - t0) / 1e9);

        Random failures = new Random(7);
        Thread hostFailures = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(o.hostFailureEverySeconds() * 1000L);
                    fleet.failRandomHost(failures, Duration.ofSeconds(20));
                }
            } catch (InterruptedException e) {
                // stop
            }
        }, "host-failures");
        hostFailures.setDaemon(true);
        hostFailures.start();
        try {
            load.run(o.rate(), Duration.ofSeconds(o.warmupSeconds()));

            // The measured window: the same mix at the same rate.
            watcher.resetStats();
            long outcomes0 = watcher.outcomes.get();
            long rejected0 = watcher.rejected.get();
            long reports0 = fleet.reports();
            double cpu0 = ProcMeter.cpuSeconds(placement.pid());
            double pg0 = ProcMeter.cpuSecondsWithChildren(stack.postgresPid());
            double broker0 = ProcMeter.cpuSeconds(stack.kafkaProcess().pid());
            double[] db0 = dbCounters(stack);
            String metrics0 = placement.get("/q/metrics");
            long w0 = System.nanoTime();
            load.measuring = true;
            load.run(o.rate(), Duration.ofSeconds(o.windowSeconds()));
            load.measuring = false;
            double seconds = (System.nanoTime() - w0) / 1e9;
            double cpu = ProcMeter.cpuSeconds(placement.pid()) - cpu0;
            double pg = ProcMeter.cpuSecondsWithChildren(stack.postgresPid()) - pg0;
            double broker = ProcMeter.cpuSeconds(stack.kafkaProcess().pid()) - broker0;
            long answered = watcher.outcomes.get() - outcomes0;
            long rejected = watcher.rejected.get() - rejected0;
            double reportsPerS = (fleet.reports() - reports0) / seconds;
            double[] db1 = dbCounters(stack);
            double rss = ProcMeter.rssMib(placement.pid());
            String metrics = placement.get("/q/metrics");
            double heap = PlacementProcess.metric(metrics, "jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0;

            // Let the window's creates finish (or not) before reading request -> READY.
            long drainEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (watcher.awaitingMeasuredReady() > 0 && System.nanoTime() < drainEnd) {
                Thread.sleep(250);
            }
            long requests = Arrays.stream(LoadGenerator.Kind.values()).mapToLong(load::sent).sum();
            String mix = Arrays.stream(LoadGenerator.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT) + "="
                    + load.sent(k)).collect(Collectors.joining(","));
            String rejectedBy = "rejected_by={" + watcher.rejectedBy.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().get()).collect(Collectors.joining(",")) + "} mix={" + mix + "}";
            double perRequest = answered == 0 ? Double.NaN : 1.0 / answered;
            return new Result(n, answered / seconds, watcher.toReady.percentile(99), watcher.toReady.percentile(50),
                    watcher.toReady.count(), watcher.toOutcome.percentile(99), cpu * 1000 * perRequest, cpu / seconds, rss,
                    heap, pg * 1000 * perRequest, broker * 1000 * perRequest, (db1[0] - db0[0]) * perRequest,
                    (db1[1] - db0[1]) * perRequest, (db1[2] - db0[2]) / 1024 * perRequest,
                    n / (double) o.heartbeatSeconds(), reportsPerS, rejected, rejectedBy, requests,
                    watcher.awaitingMeasuredReady(),
                    PlacementProcess.metric(metrics, "fleet_lifecycle_actions_total", "action=\"host_down\""),
                    PlacementProcess.metric(metrics, "fleet_placement_batch_retries_total", ""),
                    heartbeats(metrics0, metrics, "liveness") / seconds, heartbeats(metrics0, metrics, "inventory") / seconds,
                    heartbeats(metrics0, metrics, "stale_inventory") / seconds,
                    PlacementProcess.metric(metrics, "fleet_placement_report_clock_lag_seconds", ""));
        } finally {
            hostFailures.interrupt();
        }
    }

    /** Heartbeats placement applied between two scrapes that wrote {@code write} (liveness, inventory, stale_inventory); 0 if not exported. */
    private static double heartbeats(String before, String after, String write) {
        String label = "write=\"" + write + "\"";
        double a = PlacementProcess.metric(after, "fleet_placement_heartbeats_total", label);
        double b = PlacementProcess.metric(before, "fleet_placement_heartbeats_total", label);
        return a < 0 ? 0 : a - Math.max(0, b);
    }

    /** Commits, rows written and WAL bytes of the placement database so far. */
    private static double[] dbCounters(LocalStack stack) {
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select xact_commit, tup_inserted + tup_updated + tup_deleted,"
                    + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') from pg_stat_database where datname = current_database()")) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
            }
        } catch (SQLException e) {
            System.err.println("reading PostgreSQL statistics failed: " + e);
            return new double[3];
        }
    }

    private static void awaitSites(LocalStack stack, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from site")) {
                rs.next();
                if (rs.getInt(1) >= n) {
                    return;
                }
            } catch (SQLException e) {
                // not migrated yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("placement did not learn all " + n + " sites within 180 s");
    }

    private static int partitions(String bootstrap) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", bootstrap))) {
            return admin.describeTopics(List.of(io.edgefleet.events.Topics.SITE_PLANS)).allTopicNames().get()
                    .get(io.edgefleet.events.Topics.SITE_PLANS).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + io.edgefleet.events.Topics.SITE_PLANS + ": " + e, e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static Options parse(String[] args) {
        List<Integer> sites = List.of(10, 100, 1000);
        double rate = 40;
        int window = 60;
        int warmup = 20;
        int heartbeat = 5;
        int fullEvery = 12;
        int prefill = 3;
        int failEvery = 15;
        List<String> jvm = List.of("-Xmx512m", "-XX:+UseSerialGC");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--sites" -> sites = Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--rate" -> rate = Double.parseDouble(v);
                case "--window" -> window = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--heartbeat" -> heartbeat = Integer.parseInt(v);
                case "--heartbeat-full-every" -> fullEvery = Integer.parseInt(v);
                case "--prefill" -> prefill = Integer.parseInt(v);
                case "--host-failure-every" -> failEvery = Integer.parseInt(v);
                case "--placement-jvm" -> jvm = Arrays.stream(v.trim().split("\\s+")).toList();
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: bench/fleet-scale [--sites 10,100,1000] [--rate 40] [--window 60] [--warmup 20]
                                                     [--heartbeat 5] [--heartbeat-full-every 12] [--prefill 3] [--host-failure-every 15]
                                                     [--placement-jvm "-Xmx512m -XX:+UseSerialGC"]""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
            }
            i++;
        }
        return new Options(sites, rate, window, warmup, heartbeat, fullEvery, prefill, failEvery, jvm);
    }
}
