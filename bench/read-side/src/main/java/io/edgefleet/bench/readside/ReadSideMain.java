package io.edgefleet.bench.readside;

import io.edgefleet.events.Topics;
import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.KafkaBroker;
import io.edgefleet.localstack.KafkaTopics;
import io.edgefleet.localstack.ProcMeter;
import io.edgefleet.localstack.StackProcess;
import io.edgefleet.localstack.fleet.TokenCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * bench/read-side: a plaintext Kafka broker with the fleet's topics, fleet-api as its own process, and N outcomes
 * streamed onto {@code fleet.request-outcomes.v1} as fast as the broker takes them. fleet-api's resident memory
 * (VmRSS after a full GC) after the first checkpoint (100,000 by default) and after all of them (10,000,000), and
 * their ratio: a read side bounded by design keeps it near 1. Last line:
 * {@code rss_100k_mib=<n> rss_10m_mib=<n> rss_ratio=<n>}.
 */
public final class ReadSideMain {
    private static final String READ = "fleet_api_view_records_read_total";
    private static final String OUTCOMES = "topic=\"" + Topics.REQUEST_OUTCOMES + "\"";
    private static final long CHUNK = 1_000_000;
    /**
     * The local fleet's heap limit and collector, with a heap that follows what it holds: a small initial heap that
     * shrinks after a full GC (at most 30 % free) and a fixed young generation. Without them the JVM commits its
     * whole 256 MiB from the start (the default initial heap is 1/64 of this machine's memory) and RSS grows only as
     * those pages are first touched, which measures the collector's page use, not what fleet-api holds.
     * jdk.nio.maxCachedBufferSize bounds the per-thread direct buffer the JDK copies each large Kafka fetch through.
     * Native memory tracking writes where the memory goes to the run directory (native-memory-*.txt).
     */
    static final List<String> DEFAULT_API_JVM = List.of("-Xms32m", "-Xmx256m", "-Xmn24m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Djdk.nio.maxCachedBufferSize=262144",
            "-XX:NativeMemoryTracking=summary");

    record Options(long outcomes, long first, List<String> apiJvm) {
    }

    private ReadSideMain() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Path repo = Path.of(System.getProperty("edgefleet.repo", ".")).toAbsolutePath().normalize();
        Path run = repo.resolve("bench/read-side/target/run-" + ProcessHandle.current().pid());
        Files.createDirectories(run.resolve("logs"));
        System.out.printf(Locale.ROOT, "read-side: %,d outcomes, RSS read after %,d and after all; fleet-api JVM: %s;"
                + " %d cores, run directory %s%n", o.outcomes(), o.first(), String.join(" ", o.apiJvm()),
                Runtime.getRuntime().availableProcessors(), run);
        KafkaBroker kafka = new KafkaBroker(run.resolve("kafka"), FreePorts.pick(), FreePorts.pick());
        StackProcess broker = kafka.start(false);
        List<AutoCloseable> stop = new ArrayList<>();
        stop.add(() -> broker.stop(Duration.ofSeconds(30)));
        Thread hook = new Thread(() -> closeAll(stop), "read-side-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            KafkaTopics.create(kafka.bootstrapServers(), KafkaTopics.FLEET);
            FleetApiProcess api = FleetApiProcess.start(repo, run, kafka.bootstrapServers(), o.apiJvm());
            stop.add(0, api);
            measure(repo, run, api, kafka.bootstrapServers(), o);
        } finally {
            closeAll(stop);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    private static void measure(Path repo, Path run, FleetApiProcess api, String bootstrap, Options o)
            throws Exception {
        try (OutcomeStream stream = new OutcomeStream(bootstrap)) {
            long t0 = System.nanoTime();
            double cpu0 = api.cpuSeconds();
            stream.send(0, o.first());
            awaitRead(api, o.first());
            double rssFirst = api.rssAfterGcMib();
            api.nativeMemory(run.resolve("native-memory-first.txt"));
            System.out.printf(Locale.ROOT, "after %,d: rss_mib=%.0f heap_used_mib=%.0f outcomes_held=%.0f%n", o.first(),
                    rssFirst, heapMib(api), api.metric("fleet_api_view_outcomes_held", ""));

            for (long from = o.first(); from < o.outcomes(); from += CHUNK) {
                long to = Math.min(o.outcomes(), from + CHUNK);
                stream.send(from, to);
                double read = api.metric(READ, OUTCOMES);
                System.out.printf(Locale.ROOT, "  sent %,d in %.0f s; fleet-api has read %,.0f, rss_mib=%.0f (no GC)%n",
                        to, (System.nanoTime() - t0) / 1e9, read, ProcMeter.rssMib(api.pid()));
            }
            double sentSeconds = (System.nanoTime() - t0) / 1e9;
            awaitRead(api, o.outcomes());
            double allSeconds = (System.nanoTime() - t0) / 1e9;
            double cpu = api.cpuSeconds() - cpu0;
            double rssAll = api.rssAfterGcMib();
            api.nativeMemory(run.resolve("native-memory-all.txt"));

            String token = TokenCommand.admin(repo, Duration.ofHours(1));
            long newest = o.outcomes() - 1;
            long left = Math.max(0, o.outcomes() - (long) api.metric("fleet_api_view_outcomes_held", "") - 1000);
            int newestStatus = api.get("/api/v1/requests/b" + Long.toString(newest, 36), token).statusCode();
            int leftStatus = api.get("/api/v1/requests/b" + Long.toString(left, 36), token).statusCode();
            System.out.printf(Locale.ROOT, "after %,d: rss_mib=%.0f heap_used_mib=%.0f outcomes_held=%.0f"
                            + " evicted_count=%.0f evicted_age=%.0f unreadable=%.0f%n", o.outcomes(), rssAll, heapMib(api),
                    api.metric("fleet_api_view_outcomes_held", ""),
                    api.metric("fleet_api_view_outcomes_evicted_total", "reason=\"count\""),
                    api.metric("fleet_api_view_outcomes_evicted_total", "reason=\"age\""),
                    api.metric("fleet_api_view_records_unreadable_total", ""));
            System.out.printf(Locale.ROOT, "produced %,d in %.0f s (%.0f/s); fleet-api read them all after %.0f s"
                            + " (%.0f/s), %.1f CPU s (%.1f us per outcome); GET newest outcome -> %d, GET one 1,000"
                            + " outcomes past the window -> %d%n", o.outcomes(), sentSeconds, o.outcomes() / sentSeconds,
                    allSeconds, o.outcomes() / allSeconds, cpu, cpu * 1e6 / o.outcomes(), newestStatus, leftStatus);
            System.out.printf(Locale.ROOT, "rss_100k_mib=%.0f rss_10m_mib=%.0f rss_ratio=%.2f%n", rssFirst, rssAll,
                    rssAll / rssFirst);
        }
    }

    private static double heapMib(FleetApiProcess api) {
        return api.metric("jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0;
    }

    /** Waits until fleet-api has read {@code n} outcomes (its own counter); fails if it died or stalled. */
    private static void awaitRead(FleetApiProcess api, long n) {
        double last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            if (!api.isAlive()) {
                throw new IllegalStateException("fleet-api died; see " + api.log());
            }
            double read = api.metric(READ, OUTCOMES);
            if (read >= n) {
                return;
            }
            if (read > last) {
                last = read;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > Duration.ofSeconds(120).toNanos()) {
                throw new IllegalStateException("fleet-api stopped reading at " + read + " of " + n + "; see " + api.log());
            }
            FleetApiProcess.sleep(500);
        }
    }

    private static void closeAll(List<AutoCloseable> processes) {
        for (AutoCloseable p : List.copyOf(processes)) {
            try {
                p.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
        processes.clear();
    }

    private static Options parse(String[] args) {
        long outcomes = 10_000_000;
        long first = 100_000;
        List<String> jvm = DEFAULT_API_JVM;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--outcomes" -> outcomes = Long.parseLong(v.replace("_", ""));
                case "--first" -> first = Long.parseLong(v.replace("_", ""));
                case "--api-jvm" -> jvm = Arrays.stream(v.trim().split("\\s+")).toList();
                case "-h", "--help" -> {
                    System.out.println("usage: bench/read-side/read-side [--outcomes 10000000] [--first 100000]"
                            + " [--api-jvm \"" + String.join(" ", DEFAULT_API_JVM) + "\"]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
            i++;
        }
        if (first < 1 || first > outcomes) {
            throw new IllegalArgumentException("--first must be between 1 and --outcomes");
        }
        return new Options(outcomes, first, jvm);
    }
}
