package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl (or a shell pipeline around it) in a directory of PEM files the test wrote. */
final class Openssl {
    record Result(int exitCode, String output) {
    }

    private final Path dir;

    Openssl(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }

    String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    void writeAll(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            write(file.getKey(), file.getValue());
        }
    }

    Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        return exec(command);
    }

    /** openssl must succeed; its output (stdout and stderr) is returned. */
    String ok(String... arguments) throws IOException, InterruptedException {
        Result result = run(arguments);
        assertEquals(0, result.exitCode(), () -> "openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
        return result.output();
    }

    String shell(String script) throws IOException, InterruptedException {
        Result result = exec(List.of("bash", "-o", "pipefail", "-c", script));
        assertEquals(0, result.exitCode(), () -> script + " failed:\n" + result.output());
        return result.output();
    }

    private Result exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
