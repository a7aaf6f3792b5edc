package io.edgefleet.bench.readside;

import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.ProcMeter;
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
 * fleet-api as its own process: the jar the build makes, with the -D properties the local fleet gives it (broker,
 * the dev JWT key, HTTP port, text logs). Reads its metrics and health over HTTP and its memory from /proc.
 */
final class FleetApiProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackProcess process;
    private final int port;

    private FleetApiProcess(StackProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static FleetApiProcess start(Path repo, Path runDir, String bootstrapServers, List<String> jvmOptions)
            throws IOException {
        Path jar = repo.resolve("fleet-api/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build fleet-api first");
        }
        int port = FreePorts.pick();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dedgefleet.stack=" + runDir, "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dmp.jwt.verify.publickey.location=" + repo.resolve("deploy/local/dev-keys/publicKey.pem"),
                "-Dquarkus.log.console.json.enabled=false",
                "-jar", jar.toString()));
        StackProcess p = StackProcess.start("fleet-api", cmd, Map.of(), repo, runDir.resolve("logs/fleet-api.log"),
                false);
        FleetApiProcess api = new FleetApiProcess(p, port);
        try {
            api.awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return api;
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("fleet-api exited; see " + process.log());
            }
            if (get("/q/health/ready", null).statusCode() == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("fleet-api not ready within " + timeout.toSeconds() + " s; see " + process.log());
    }

    /** An answer (status -1 when none came). */
    Answer get(String path, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/plain, application/json").timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    record Answer(int statusCode, String body) {
    }

    /** Sum of a metric's samples whose labels contain {@code labelPart} ("" for all), or -1 if absent. */
    double metric(String name, String labelPart) {
        String text = get("/q/metrics", null).body();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && line.contains(labelPart)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    /** Resident memory after a full collection (jcmd GC.run), so garbage not yet collected does not count. */
    double rssAfterGcMib() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor();
        sleep(2000);
        return ProcMeter.rssMib(process.pid());
    }

    /**
     * Writes fleet-api's native memory summary (jcmd VM.native_memory; needs -XX:NativeMemoryTracking=summary in
     * its JVM options) to {@code file}, and its heap's class histogram beside it: where resident memory goes.
     */
    void nativeMemory(Path file) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process nmt = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
        nmt.waitFor();
        // And what the heap holds, by class (after a full GC: GC.class_histogram collects first).
        Path histogram = file.resolveSibling(file.getFileName().toString().replace("native-memory", "heap-histogram"));
        Process classes = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(histogram.toFile()).start();
        classes.waitFor();
    }

    long pid() {
        return process.pid();
    }

    double cpuSeconds() {
        return ProcMeter.cpuSeconds(process.pid());
    }

    Path log() {
        return process.log();
    }

    boolean isAlive() {
        return process.isAlive();
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
