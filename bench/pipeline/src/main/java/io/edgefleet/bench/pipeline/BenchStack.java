package io.edgefleet.bench.pipeline;

import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.KafkaBroker;
import io.edgefleet.localstack.KafkaTopics;
import io.edgefleet.localstack.PostgresServer;
import io.edgefleet.localstack.StackProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    final List<StackProcess> replicas = new ArrayList<>();
    final List<Integer> replicaPorts = new ArrayList<>();

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

    /** Starts placement replica {@code i} (or restarts it on its port) and waits until it is ready. */
    StackProcess startPlacement(int i) throws IOException {
        while (replicaPorts.size() <= i) {
            replicaPorts.add(FreePorts.pick());
            replicas.add(null);
        }
        int port = replicaPorts.get(i);
        Path jar = repo.resolve("placement/target/quarkus-app/quarkus-run.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Dedgefleet.stack=" + dir,
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + bootstrap(),
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=" + PostgresServer.USER,
                "-Dmp.messaging.incoming.cluster-requests.max.poll.records=2000",
                "-Dquarkus.log.level=WARN",
                "-jar", jar.toString()));
        StackProcess p = StackProcess.start("placement-" + i, cmd, java.util.Map.of(), repo,
                dir.resolve("logs/placement-" + i + ".log"), false);
        replicas.set(i, p);
        awaitReady(port, p);
        return p;
    }

    void killPlacement(int i) {
        StackProcess p = replicas.get(i);
        ProcessHandle.of(p.pid()).ifPresent(h -> {
            h.destroyForcibly(); // SIGKILL
            h.onExit().join();
        });
    }

    private static void awaitReady(int port, StackProcess p) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p + " exited during start-up");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(p + " not ready within 120 s");
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
        for (StackProcess p : replicas) {
            if (p != null) {
                p.stop(Duration.ofSeconds(20));
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
