package io.edgefleet.bench.fleetscale;

import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.LocalStack;
import io.edgefleet.localstack.PostgresServer;
import io.edgefleet.localstack.StackProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The placement service as its own process: the jar the build makes, configured with the -D
 * properties deploy/local-stack's FleetStack gives it (broker, datasource URL and user, the stack
 * directory, the HTTP port). JVM options are the bench's: {@code --placement-jvm}.
 */
final class PlacementProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final StackProcess process;
    final int port;

    private PlacementProcess(StackProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static PlacementProcess start(Path repo, Path runDir, LocalStack stack, List<String> jvmOptions) throws IOException {
        Path jar = repo.resolve("placement/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build placement first");
        }
        int port = FreePorts.pick();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dedgefleet.stack=" + runDir, "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + stack.bootstrapServers(),
                "-Dquarkus.datasource.jdbc.url=" + stack.postgres().jdbcUrl(),
                "-Dquarkus.datasource.username=" + PostgresServer.USER,
                "-jar", jar.toString()));
        StackProcess p = StackProcess.start("placement", cmd, Map.of(), repo, runDir.resolve("logs/placement.log"), false);
        PlacementProcess placement = new PlacementProcess(p, port);
        try {
            placement.awaitReady();
        } catch (RuntimeException e) {
            placement.close();
            throw e;
        }
        return placement;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("placement exited during start-up; see " + process.log());
            }
            String body = get("/q/health/ready");
            if (body != null) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("placement not ready within 120 s; see " + process.log());
    }

    /** The body of a 200 answer, or null. */
    String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sum of a Prometheus metric's samples whose labels contain {@code labelPart} ("" for all), or -1. */
    static double metric(String text, String name, String labelPart) {
        if (text == null) {
            return -1;
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && (line.length() > name.length())
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && line.contains(labelPart)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    long pid() {
        return process.pid();
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
        process.stop(Duration.ofSeconds(20));
    }
}
