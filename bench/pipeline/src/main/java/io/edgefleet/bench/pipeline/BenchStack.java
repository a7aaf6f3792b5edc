package io.edgefleet.bench.pipeline;

import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.KafkaBroker;
import io.edgefleet.localstack.KafkaTopics;
import io.edgefleet.localstack.PostgresServer;
import io.edgefleet.localstack.StackProcess;
import io.edgefleet.placement.fleettest.PlacementReplica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real broker, a real PostgreSQL and placement replicas as processes (the jar the build makes,
 * configured with -D properties as deploy/local-stack's FleetStack does), all under one run
 * directory; each can be killed and restarted for the chaos runs.
 */
final class BenchStack implements AutoCloseable {
    final Path dir;
    final Path repo;
    final KafkaBroker broker;
    final PostgresServer postgres;
    StackProcess brokerProcess;
    final List<PlacementReplica> replicas = new ArrayList<>();
    private Path appJar;
    /** Replicas being started again after a kill (chaos runs). */
    final List<Thread> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();

    BenchStack(Path repo, Path dir) {
        this.repo = repo.toAbsolutePath().normalize();
        this.dir = dir.toAbsolutePath().normalize();
        this.broker = new KafkaBroker(this.dir.resolve("kafka"), FreePorts.pick(), FreePorts.pick());
        this.postgres = new PostgresServer(this.dir.resolve("postgres"), FreePorts.pick());
    }

    BenchStack start(List<KafkaTopics.Topic> extraTopics) throws Exception {
        postgres.start();
        startBroker();
        List<KafkaTopics.Topic> topics = new ArrayList<>(KafkaTopics.FLEET);
        topics.addAll(extraTopics);
        KafkaTopics.create(bootstrap(), topics);
        return this;
    }

    void startBroker() throws IOException, InterruptedException {
        brokerProcess = broker.start(false);
    }

    void stopBroker(boolean kill) {
        if (kill) {
            ProcessHandle.of(brokerProcess.pid()).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(brokerProcess.pid()).ifPresent(h -> h.onExit().join());
        } else {
            brokerProcess.stop(Duration.ofSeconds(30));
        }
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl() + "?reWriteBatchedInserts=true",
                PostgresServer.USER, "");
    }

    /**
     * Starts placement replica {@code i} (or restarts it) and waits until it is ready. It runs the
     * copy of the app made in this run's directory the first time, never the build's own
     * {@code placement/target/quarkus-app}: a concurrent build replaced that under a running replica.
     */
    PlacementReplica startPlacement(int i) {
        while (replicas.size() <= i) {
            replicas.add(null);
        }
        if (appJar == null) {
            String app = System.getProperty("edgefleet.placement.app", "");
            Path from = app.isBlank() ? repo.resolve("placement/target/quarkus-app") : Path.of(app);
            appJar = PlacementReplica.copyApp(from, dir.resolve("placement-app"));
        }
        PlacementReplica p = PlacementReplica.start("placement-" + i, appJar, dir, bootstrap(), postgres,
                java.util.Map.of("quarkus.log.level", "WARN",
                        // The load's heartbeats are unsigned (site signatures are SiteIdentityTest's
                        // subject): counted as unsigned but applied.
                        "edgefleet.placement.identity.enforce", "false"), jvmOptions());
        replicas.set(i, p);
        p.awaitReady(Duration.ofSeconds(120));
        return p;
    }

    /** -Xmx512m, then the whitespace-separated options of -Dedgefleet.placement.jvm (e.g. a JFR recording). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        String extra = System.getProperty("edgefleet.placement.jvm", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** SIGKILL. */
    void killPlacement(int i) {
        replicas.get(i).kill();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (PlacementReplica p : replicas) {
            if (p != null) {
                p.stop();
            }
        }
        if (brokerProcess != null) {
            brokerProcess.stop(Duration.ofSeconds(30));
        }
        try {
            postgres.stop();
        } catch (Exception e) {
            System.err.println("stopping PostgreSQL failed: " + e);
        }
    }

    static Path freshDir(Path repo, String name) throws IOException {
        Path d = repo.resolve("bench/pipeline/target/" + name + "-" + ProcessHandle.current().pid());
        Files.createDirectories(d);
        return d;
    }
}
