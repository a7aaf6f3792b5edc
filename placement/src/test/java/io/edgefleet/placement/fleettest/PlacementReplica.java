package io.edgefleet.placement.fleettest;

import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.PostgresServer;
import io.edgefleet.localstack.StackProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One placement replica as an operating-system process: the packaged app ({@code quarkus-run.jar}),
 * configured with {@code -D} properties as deploy/local-stack's FleetStack starts services. Tests
 * and benchmarks that kill replicas use it; they run a private copy of the app (see
 * {@link #copyApp}) so that a build replacing {@code placement/target/quarkus-app} meanwhile cannot
 * pull jars away from a running replica.
 */
public final class PlacementReplica {
    private final String name;
    private final int port;
    private final StackProcess process;

    private PlacementReplica(String name, int port, StackProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Copies the packaged app (the {@code quarkus-app} directory) to {@code target}; returns the
     * copy's {@code quarkus-run.jar}. Checks the copy is whole (a concurrent build may be rewriting
     * the source): retried a few times when a file vanished mid-copy.
     */
    public static Path copyApp(Path quarkusApp, Path target) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                deleteTree(target);
                try (Stream<Path> files = Files.walk(quarkusApp)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Path to = target.resolve(quarkusApp.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                Path jar = target.resolve("quarkus-run.jar");
                if (Files.exists(jar) && Files.isDirectory(target.resolve("lib"))) {
                    return jar;
                }
                last = new IOException(quarkusApp + " has no quarkus-run.jar and lib/ (being rebuilt?)");
            } catch (IOException e) {
                last = e;
            }
            sleep(2000);
        }
        throw new UncheckedIOException("copying " + quarkusApp + " to " + target + " failed", last);
    }

    /**
     * Starts a replica from {@code jar} with its logs in {@code runDir/logs/NAME.log}; returns at
     * once (see {@link #awaitReady}). {@code extra} are further {@code -D} properties.
     */
    public static PlacementReplica start(String name, Path jar, Path runDir, String bootstrap, PostgresServer postgres,
                                         Map<String, String> extra) {
        return start(name, jar, runDir, bootstrap, postgres, extra, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
    }

    /** As {@link #start(String, Path, Path, String, PostgresServer, Map)}, with these JVM options (heap). */
    public static PlacementReplica start(String name, Path jar, Path runDir, String bootstrap, PostgresServer postgres,
                                         Map<String, String> extra, List<String> jvmOptions) {
        int port = FreePorts.pick();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        // A SIGKILLed replica's partitions move to the survivor after this, not after the default 45 s.
        for (String channel : List.of("cluster-requests", "site-reports")) {
            config.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "6000");
            config.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "1000");
        }
        config.putAll(extra);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:+UseSerialGC", "-Dedgefleet.stack=" + runDir.toAbsolutePath()));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        try {
            StackProcess p = StackProcess.start(name, command, Map.of(), jar.toAbsolutePath().getParent(),
                    runDir.resolve("logs/" + name + ".log"), false);
            return new PlacementReplica(name, port, p);
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + name + " failed", e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200 (Kafka and PostgreSQL reachable, migrated). */
    public PlacementReplica awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + process.log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; see " + process.log());
    }

    /** The Prometheus text of this replica's {@code /q/metrics}, or "" if it does not answer. */
    public String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGKILL: no shutdown hook, no offset commit, no outbox flush. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    public void stop() {
        if (process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", :" + port + ")";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
